package com.calvalot.signal;

import java.math.BigDecimal;
import java.util.List;

/**
 * Un signal du leader, déjà validé (voir leader-protocol.md). {@code portfolioState} est null
 * quand le signal n'en porte pas ; {@code update} est null sans demande de mise à jour.
 */
public record Signal(
        String signalId,
        int version,
        BigDecimal confidence,
        String reasoning,
        List<Action> actions,
        List<TargetPosition> portfolioState,
        UpdateRequest update) {

    /** Identifiant réservé de la synchronisation initiale (trading-rules.md). */
    public static final String INITIAL_SYNC_ID = "initial_sync";

    /** Une action v1 : BUY, SELL ou HOLD (HOLD ne fait rien). */
    public record Action(String coin, String action, BigDecimal pctOfCapital) {
    }

    /** Une part cible v2 du portefeuille du leader. */
    public record TargetPosition(String coin, BigDecimal pctOfPortfolio) {
    }

    public record UpdateRequest(boolean required, String latestVersion) {
    }

    public boolean isRebalance() {
        return version >= 2;
    }

    /** Le plus d'ordres qu'une vague de ce signal peut compter : une paire par ordre. */
    public int ordersAtMost() {
        if (isRebalance()) {
            return TrackedPairs.ALL.size();
        }
        return (int) actions.stream().filter(a -> !"HOLD".equals(a.action())).map(Action::coin).distinct().count();
    }
}
