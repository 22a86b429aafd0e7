package com.calvalot.trade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.exchange.Commission;
import com.calvalot.exchange.FiltersInForce;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.perfect.PerfectCopyBook;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.Signal;
import com.calvalot.signal.SignalRepository;
import com.calvalot.signal.SignalStatus;

/**
 * Le début et la fin d'un signal. Début : jamais deux fois le même signal, prix lus une fois,
 * registre recalé sur la bourse, plan écrit (avec le passage à executing) dans UNE transaction
 * avant tout envoi. Fin : l'issue tirée des intentions, écrite, et posée en en-têtes pour le poll.
 */
public class SignalExecution {

    /** L'issue d'un signal dont les prix ou les soldes n'ont pas pu être lus (rien n'est parti). */
    static final String EXCHANGE_UNREADABLE = "prices or balances unavailable (Binance unreachable): no order placed";
    /** Le début du message (et de la raison) quand l'argent du suiveur est parti ailleurs : rien à suivre. */
    public static final String NO_FUNDS = "no USDC to follow with";
    private static final Logger LOG = LoggerFactory.getLogger(SignalExecution.class);

    private final SignalRepository signals;
    private final SignalLifecycle lifecycle;
    private final AgentStateRepository agentState;
    private final PortfolioValuation valuation;
    private final OrderPlanner planner;
    private final com.calvalot.exchange.Exchange exchange;
    private final TradeLedger ledger;
    private final InitialSync initialSync;
    private final LedgerReconciliation reconciliation;
    private final Executor calls;
    private final PerfectCopyBook perfectCopy;

    public SignalExecution(SignalRepository signals, SignalLifecycle lifecycle, AgentStateRepository agentState,
                           PortfolioValuation valuation, OrderPlanner planner, com.calvalot.exchange.Exchange exchange,
                           TradeLedger ledger, InitialSync initialSync, LedgerReconciliation reconciliation,
                           Executor calls, PerfectCopyBook perfectCopy) {
        this.signals = signals;
        this.lifecycle = lifecycle;
        this.agentState = agentState;
        this.valuation = valuation;
        this.planner = planner;
        this.exchange = exchange;
        this.ledger = ledger;
        this.initialSync = initialSync;
        this.reconciliation = reconciliation;
        this.calls = calls;
        this.perfectCopy = perfectCopy;
    }

    /**
     * Un signal nouveau et valide, pas encore enregistré : ses prix et le compte sont demandés tout de
     * suite (FiguresAhead), pendant que le poll l'enregistre. Rien pour un signal rejeté ou un agent mort.
     */
    public void readAhead(Exchange poll) {
        if (poll.getMessage().getBody() instanceof Signal signal && !agentState.isDead()) {
            poll.setProperty(FiguresAhead.PROPERTY, new FiguresAhead(valuation, calls));
            // pendant la lecture, les connexions de la première vague s'ouvrent (Binance : TCP et TLS)
            exchange.prepare(signal.ordersAtMost(), calls);
        }
    }

    public SignalRun begin(Signal signal, @ExchangeProperty(FiguresAhead.PROPERTY) FiguresAhead ahead,
                           @ExchangeProperty(InitialSync.RETRY) Boolean syncRetry) {
        SignalStatus status = signals.status(signal.signalId());
        if (status != null && status != SignalStatus.RECEIVED) {
            LOG.warn("Signal {} is already {}: not executed again", signal.signalId(), status.wireName());
            return SignalRun.alreadyDone(signal.signalId(), status);
        }
        if (status == null) {
            throw new IllegalStateException("signal " + signal.signalId() + " was not recorded before execution");
        }
        SignalLifecycle.Stop early = lifecycle.stop(signal.signalId());
        if (early != null && (early.kind() == SignalLifecycle.Stop.Kind.DEAD
                || early.kind() == SignalLifecycle.Stop.Kind.SUPERSEDED)) {
            return SignalRun.outcome(signal.signalId(), SignalStatus.SKIPPED, early.reason());
        }
        CopyTimer timer = ahead != null ? ahead.timer() : new CopyTimer();
        // les prix (un appel groupé) et le compte (une lecture) en même temps : un seul aller-retour,
        // parti dès que le poll a reconnu le signal (readAhead), sinon maintenant (signal repris)
        PortfolioValue read = ahead != null ? ahead.join() : valuation.readNow();
        timer.mark("figures");
        if (!read.reliable()) {
            // la copie parfaite suit le signal quand même (aux derniers prix connus) : une panne fait partie du coût
            followUnplanned(signal, read);
            return SignalRun.outcome(signal.signalId(), SignalStatus.ERROR, EXCHANGE_UNREADABLE);
        }
        // les ordres non résolus, lus une fois : rien n'est décidé sur leurs actifs, ils comptent une fois dans
        // ce que le suiveur possède, et ce qu'ils réservent n'est pas disponible
        List<OrderIntent> unresolved = ledger.unresolved();
        reconciliation.reconcile(read, unresolved);
        AccountView view = AccountView.of(read, unresolved);
        PortfolioValue value = view.value();
        if (value.totalEur().compareTo(Money.MIN_BUDGET_EUR) < 0) {
            // sous le minimum (l'argent est parti ailleurs, ou la mort attend sa confirmation) : aucun ordre
            // ne passerait les 5 USDC, rien à suivre tant que l'argent ne revient pas
            followUnplanned(signal, read);
            return SignalRun.outcome(signal.signalId(), SignalStatus.SKIPPED, noFunds(value));
        }
        boolean sync = initialSync.dueFor(signal, value);
        if (!sync && Boolean.TRUE.equals(syncRetry)) {
            // la relance n'existe que pour la synchronisation : les actions du signal ne sont jamais rejouées
            return SignalRun.outcome(signal.signalId(), SignalStatus.ERROR,
                    "not executed: the initial sync is no longer due (the account already holds coins)");
        }
        Signal planned = sync ? InitialSync.asRebalance(signal) : signal;
        List<PlannedOrder> plan;
        try {
            plan = planner.plan(planned, view, exchange.rules());
        } catch (IllegalStateException e) {
            return SignalRun.outcome(signal.signalId(), SignalStatus.ERROR, e.getMessage());
        }
        // les filtres et la commission sur lesquels ce plan a été fait, lus avant la transaction (rien n'y attend la bourse)
        FiltersInForce filters = exchange.rules().inForce();
        Commission commission = exchange.commission();
        // sans vente, la première vague est celle des achats : plafonnés à l'USDC disponible et écrits
        // « sending » dans la transaction du plan (une écriture disque de moins avant les ordres)
        boolean buysFirst = value.spendableUsdt() != null
                && plan.stream().noneMatch(order -> !order.isSkipped() && order.side() == Side.SELL);
        // le portail, la première vague comprise : décidé et écrit d'un bloc, sans pause ni mort au milieu
        FirstWave first = lifecycle.throughGate(signal.signalId(), stop -> ledger.sql().computeInTransaction(tx -> {
            // arrêté au portail, la synchronisation initiale n'a pas lieu : elle reste due, le signal du leader garde
            // son plan (chaque ordre clos avec la raison)
            boolean syncs = sync && stop == null;
            String runId = syncs ? planned.signalId() : signal.signalId();
            if (syncs) {
                initialSync.record(tx, signal);
            } else {
                SignalLifecycle.startExecuting(tx, signal.signalId());
            }
            ledger.insertPlan(tx, runId, plan, stop);
            // la copie parfaite part de ce que le suiveur détenait avant ce signal, et le suit aux mêmes prix
            boolean followed = perfectCopy.follow(tx, signal.signalId(), planned, read.market(), read.cashUsdt(),
                    read.quantities());
            // ce sur quoi le plan a été fait, pour le conseiller de budget : une écriture de plus dans la même transaction
            SizingRecord.record(tx, runId, read.market(), read.cashUsdt(), read.quantities(), filters, commission,
                    stop == null, followed);
            if (stop != null) {
                return new FirstWave(runId, List.of(), stop);
            }
            List<OrderIntent> toSend = open(TradeLedger.intents(tx, runId));
            if (!buysFirst) {
                return new FirstWave(runId, toSend, null);
            }
            BuyCaps.Capped capped = BuyCaps.cap(toSend, value.spendableUsdt(), exchange, value.market());
            ledger.markWave(tx, capped.sending(), capped.skipped());
            return new FirstWave(runId, capped.sending(), null);
        }));
        LOG.info("Signal {}: {} order(s) planned{}{}", first.runId(), plan.size(),
                first.runId().equals(signal.signalId()) ? "" : " (initial sync for " + signal.signalId() + ")",
                first.stop() == null ? "" : ", none sent: " + first.stop().reason());
        SignalRun run = SignalRun.planned(first.runId(), value, first.open(), buysFirst ? Side.BUY : Side.SELL, timer);
        if (first.stop() != null) {
            run.stop(first.stop());
        }
        run.timer().mark("plan");
        return run;
    }

    /**
     * Un signal suivi sans plan (bourse illisible, plus d'USDC) : la copie parfaite le suit, et ses prix sont gardés
     * avec lui dans la même transaction (le conseiller de budget fait suivre sa copie parfaite de la même façon).
     */
    private void followUnplanned(Signal signal, PortfolioValue read) {
        if (read.market() == null || !read.market().known()) {
            perfectCopy.follow(signal.signalId(), signal, read.market(), read.cashUsdt(), read.quantities());
            return;
        }
        FiltersInForce filters = exchange.rules().inForce();
        Commission commission = exchange.commission();
        ledger.sql().inTransaction(tx -> {
            boolean followed = perfectCopy.follow(tx, signal.signalId(), signal, read.market(), read.cashUsdt(),
                    read.quantities());
            SizingRecord.record(tx, signal.signalId(), read.market(), read.cashUsdt(), read.quantities(), filters, commission,
                    false, followed);
        });
    }

    /**
     * La première vague après le portail : l'id sous lequel le plan est écrit (la synchronisation initiale, ou le
     * signal lui-même), ses intentions à envoyer, ou la raison pour laquelle rien ne part.
     */
    private record FirstWave(String runId, List<OrderIntent> open, SignalLifecycle.Stop stop) {
    }

    /** Le message d'un signal sans rien à suivre : ce que le suiveur possède, et comment suivre de nouveau. */
    static String noFunds(PortfolioValue value) {
        return NO_FUNDS + ": the follower holds " + Money.cents(value.totalEur()) + " EUR, under the "
                + Money.MIN_BUDGET_EUR + " EUR minimum; it follows again once USDC is back";
    }

    /** Les intentions d'un signal encore à envoyer (aussi pour la reprise après un crash), aux chiffres lus. */
    SignalRun toSend(String signalId, PortfolioValue figures) {
        return SignalRun.orders(signalId, AccountView.of(figures, ledger.unresolved()).value(), open(ledger.intents(signalId)));
    }

    private static List<OrderIntent> open(List<OrderIntent> intents) {
        List<OrderIntent> open = new ArrayList<>();
        for (OrderIntent intent : intents) {
            if (intent.status().equals(OrderIntent.PLANNED) || intent.status().equals(OrderIntent.SENDING)) {
                open.add(intent);
            }
        }
        return open;
    }

    public void finish(@ExchangeProperty("signalRun") SignalRun run, Exchange exchange) {
        if (run.waiting()) {
            // rien n'est dimensionné sur des chiffres inconnus : le signal reste « executing », repris dès que la bourse répond
            String reason = "waiting for Binance: " + run.waitReason();
            lifecycle.noteWaiting(run.signalId(), reason);
            // la raison est déjà dans la ligne de l'ordre concerné : une seule ligne par cause
            LOG.warn("Signal {} waits for Binance; resumed when it answers", run.signalId());
            exchange.getMessage().setHeader("signalOutcome", SignalStatus.EXECUTING.wireName());
            exchange.getMessage().setHeader("tradesPlaced", SignalOutcome.filled(ledger.intents(run.signalId())));
            return;
        }
        SignalStatus outcome = run.presetOutcome();
        String message = run.presetMessage();
        if (outcome == null && run.halted()) {
            ledger.closePlanned(run.signalId(), run.stopReason().intentStatus(), run.stopReason().reason());
        }
        List<OrderIntent> intents = ledger.intents(run.signalId());
        if (outcome == null) {
            SignalOutcome computed = SignalOutcome.of(intents, signals.isRebalance(run.signalId()));
            outcome = computed.status();
            message = computed.message();
        }
        if (!run.alreadyFinal() && lifecycle.finish(run.signalId(), outcome, message)) {
            if (outcome == SignalStatus.EXECUTED) {
                agentState.markInitialSyncDone();
            }
            String took = run.timer().summary();
            LOG.info("Signal {} {}{}{}", run.signalId(), outcome.wireName(), message == null ? "" : ": " + message,
                    took.isEmpty() ? "" : "; copied in " + took);
        }
        exchange.getMessage().setHeader("signalOutcome", outcome.wireName());
        exchange.getMessage().setHeader("tradesPlaced", SignalOutcome.filled(intents));
    }
}
