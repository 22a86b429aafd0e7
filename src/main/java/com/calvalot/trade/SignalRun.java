package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.SignalStatus;

/**
 * Un signal en cours d'exécution, partagé par les étapes de la route (propriété {@code signalRun}) :
 * l'id sous lequel les ordres sont enregistrés, les prix et soldes lus une fois, les intentions à
 * envoyer, et les liquidités que les exécutions laissent (jamais relues en cours de signal).
 * {@code presetOutcome} : l'issue est connue sans envoyer d'ordre (déjà exécuté, agent mort, bourse muette).
 * {@code waitReason} : la suite attend que la bourse réponde (le signal reste « executing »).
 */
public class SignalRun {

    private final String signalId;
    private final MarketSnapshot market;
    private final List<OrderIntent> intents;
    private final SignalStatus presetOutcome;
    private final String presetMessage;
    private final boolean alreadyFinal;
    private final CopyTimer timer;
    private final List<OrderResult> unrecorded = new ArrayList<>();
    private Side markedWave;
    private BigDecimal cashLeft;
    private SignalLifecycle.Stop stop;
    private String waitReason;

    private SignalRun(String signalId, PortfolioValue figures, List<OrderIntent> intents, SignalStatus presetOutcome,
                      String presetMessage, boolean alreadyFinal, CopyTimer timer) {
        this.timer = timer;
        this.signalId = signalId;
        this.market = figures == null ? null : figures.market();
        this.cashLeft = figures == null ? null : figures.spendableUsdt();
        this.intents = intents;
        this.presetOutcome = presetOutcome;
        this.presetMessage = presetMessage;
        this.alreadyFinal = alreadyFinal;
    }

    static SignalRun orders(String signalId, PortfolioValue figures, List<OrderIntent> intents) {
        return orders(signalId, figures, intents, new CopyTimer());
    }

    /** Idem, en gardant les mesures de temps déjà prises (lecture des chiffres, plan). */
    static SignalRun orders(String signalId, PortfolioValue figures, List<OrderIntent> intents, CopyTimer timer) {
        return new SignalRun(signalId, figures, intents, null, null, false, timer);
    }

    /**
     * Un plan qui vient d'être écrit, sa première vague ({@code firstWave} : les ventes, ou les achats
     * d'un plan sans vente, déjà plafonnés) déjà « sending » dans la même transaction.
     */
    static SignalRun planned(String signalId, PortfolioValue figures, List<OrderIntent> intents, Side firstWave,
                             CopyTimer timer) {
        SignalRun run = orders(signalId, figures, intents, timer);
        run.markedWave = firstWave;
        return run;
    }

    /** Aucun ordre à envoyer : l'issue est déjà décidée. */
    static SignalRun outcome(String signalId, SignalStatus status, String message) {
        return new SignalRun(signalId, null, List.of(), status, message, false, new CopyTimer());
    }

    /** Un signal déjà terminé : jamais exécuté deux fois, son issue n'est pas réécrite. */
    static SignalRun alreadyDone(String signalId, SignalStatus status) {
        return new SignalRun(signalId, null, List.of(), status, null, true, new CopyTimer());
    }

    /** Un signal dont plus rien ne part ({@code stop}) : ses intentions jamais envoyées sont closes avec sa raison. */
    static SignalRun stopped(String signalId, SignalLifecycle.Stop stop) {
        SignalRun run = new SignalRun(signalId, null, List.of(), null, null, false, new CopyTimer());
        run.stop(stop);
        return run;
    }

    public String signalId() {
        return signalId;
    }

    public MarketSnapshot market() {
        return market;
    }

    /** Les intentions encore à envoyer d'un côté (planned, ou sending après un crash), dans l'ordre. */
    List<OrderIntent> open(Side side) {
        return intents.stream().filter(i -> i.side() == side).toList();
    }

    /** L'USDC dépensable que les ordres déjà exécutés de ce signal ont laissé (le libre du début, plus les ventes, moins les achats). */
    BigDecimal cashLeft() {
        return cashLeft;
    }

    /** Une exécution de ce signal : l'USDC bouge du montant et de la commission prise en USDC. */
    void applyFill(Side side, OrderFill fill) {
        if (cashLeft == null) {
            return;
        }
        BigDecimal fee = fill.commissions().getOrDefault("USDC", BigDecimal.ZERO);
        cashLeft = (side == Side.BUY ? cashLeft.subtract(fill.quoteAmount()) : cashLeft.add(fill.quoteAmount())).subtract(fee);
    }

    /** Vrai si cette vague a été écrite « sending » avec le plan (pas un reste d'un crash à vérifier). */
    boolean marked(Side side) {
        return markedWave == side;
    }

    /** Les issues d'une vague gardées pour la transaction de la vague suivante. */
    void keep(List<OrderResult> results) {
        unrecorded.addAll(results);
    }

    List<OrderResult> takeUnrecorded() {
        List<OrderResult> taken = List.copyOf(unrecorded);
        unrecorded.clear();
        return taken;
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

    /** Plus aucun ordre ne part pour ce signal (le portail de SignalLifecycle l'a refusé) ; la première raison reste. */
    synchronized void stop(SignalLifecycle.Stop reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    synchronized boolean halted() {
        return stop != null;
    }

    synchronized SignalLifecycle.Stop stopReason() {
        return stop;
    }

    /** La bourse ne peut pas dire ce qui a été exécuté : rien n'est dimensionné sur des chiffres périmés. */
    void waitFor(String reason) {
        if (waitReason == null) {
            waitReason = reason;
        }
    }

    boolean waiting() {
        return waitReason != null;
    }

    String waitReason() {
        return waitReason;
    }

    /** Plus rien à envoyer maintenant (issue décidée, signal arrêté ou en attente de la bourse). */
    boolean stopped() {
        return presetOutcome != null || halted() || waiting();
    }

    CopyTimer timer() {
        return timer;
    }
}
