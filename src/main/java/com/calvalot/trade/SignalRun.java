package com.calvalot.trade;

import java.util.List;

import com.calvalot.market.MarketSnapshot;
import com.calvalot.signal.SignalStatus;

/**
 * Un signal en cours d'exécution, partagé par les étapes de la route (propriété {@code signalRun}) :
 * l'id sous lequel les ordres sont enregistrés, les prix lus une fois, les intentions à envoyer.
 * {@code presetOutcome} : l'issue est connue sans envoyer d'ordre (déjà exécuté, agent mort, bourse muette).
 */
public class SignalRun {

    private final String signalId;
    private final MarketSnapshot market;
    private final List<OrderIntent> intents;
    private final SignalStatus presetOutcome;
    private final String presetMessage;
    private final boolean alreadyFinal;
    private String haltReason;

    private SignalRun(String signalId, MarketSnapshot market, List<OrderIntent> intents, SignalStatus presetOutcome,
                      String presetMessage, boolean alreadyFinal) {
        this.signalId = signalId;
        this.market = market;
        this.intents = intents;
        this.presetOutcome = presetOutcome;
        this.presetMessage = presetMessage;
        this.alreadyFinal = alreadyFinal;
    }

    static SignalRun orders(String signalId, MarketSnapshot market, List<OrderIntent> intents) {
        return new SignalRun(signalId, market, intents, null, null, false);
    }

    /** Aucun ordre à envoyer : l'issue est déjà décidée. */
    static SignalRun outcome(String signalId, SignalStatus status, String message) {
        return new SignalRun(signalId, null, List.of(), status, message, false);
    }

    /** Un signal déjà terminé : jamais exécuté deux fois, son issue n'est pas réécrite. */
    static SignalRun alreadyDone(String signalId, SignalStatus status) {
        return new SignalRun(signalId, null, List.of(), status, null, true);
    }

    public String signalId() {
        return signalId;
    }

    public MarketSnapshot market() {
        return market;
    }

    /** Les intentions encore à envoyer (planned, ou sending après un crash), dans l'ordre. */
    public List<OrderIntent> intents() {
        return intents;
    }

    SignalStatus presetOutcome() {
        return presetOutcome;
    }

    String presetMessage() {
        return presetMessage;
    }

    boolean alreadyFinal() {
        return alreadyFinal;
    }

    /** Plus aucun ordre ne part pour ce signal (agent mort, issue inconnue). */
    void halt(String reason) {
        if (haltReason == null) {
            haltReason = reason;
        }
    }

    boolean halted() {
        return haltReason != null;
    }

    String haltReason() {
        return haltReason;
    }
}
