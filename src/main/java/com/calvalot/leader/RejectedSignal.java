package com.calvalot.leader;

/** Un corps de signal qui enfreint une règle : enregistré {@code rejected} avec sa raison, jamais exécuté. */
public record RejectedSignal(String signalId, String reason) {
}
