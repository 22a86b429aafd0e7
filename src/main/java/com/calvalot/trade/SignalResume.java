package com.calvalot.trade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.SignalRepository;
import com.calvalot.signal.SignalStatus;

/**
 * La reprise d'un signal interrompu (arrêt brutal, bourse muette en cours de signal). Un signal resté
 * « executing » reprend ses intentions aux prix et soldes relus : celles que la bourse a déjà sont
 * enregistrées d'après sa réponse, les autres sont envoyées. Un signal resté « received » (mort avant
 * le plan) est exécuté normalement. Rien ne part au-delà de SIGNAL_MAX_DELAY_SECONDS après la
 * réception du signal (ses ordres non envoyés sont abandonnés), ni pendant que l'agent est en pause,
 * ni après un signal plus récent (SignalLifecycle : il attend alors que la bourse dise ce que ses ordres
 * partis sont devenus, puis finit partial ou skipped).
 * Une intention « sending » d'un signal déjà terminé est résolue en demandant à la bourse.
 */
public class SignalResume {

    private static final Logger LOG = LoggerFactory.getLogger(SignalResume.class);
    private static final Duration ORPHAN_PERIOD = Duration.ofMinutes(1);

    private final SignalRepository signals;
    private final SignalLifecycle lifecycle;
    private final SignalExecution execution;
    private final TradeLedger ledger;
    private final PortfolioValuation valuation;
    private final MarketData marketData;
    private final AgentStateRepository agentState;
    private final IntentRecovery recovery;
    private final Clock clock;
    private final List<String> startupBacklog;
    private Instant orphansAskedAt;

    public SignalResume(SignalRepository signals, SignalLifecycle lifecycle, SignalExecution execution, TradeLedger ledger,
                        PortfolioValuation valuation, MarketData marketData, AgentStateRepository agentState,
                        com.calvalot.exchange.Exchange exchange, Clock clock) {
        this.signals = signals;
        this.lifecycle = lifecycle;
        this.execution = execution;
        this.ledger = ledger;
        this.valuation = valuation;
        this.marketData = marketData;
        this.agentState = agentState;
        this.recovery = new IntentRecovery(exchange);
        this.clock = clock;
        this.startupBacklog = new ArrayList<>(signals.unfinished());
    }

    /**
     * Au premier passage : les signaux laissés inachevés par le processus précédent (lus avant le
     * démarrage des routes, pour ne pas prendre au poll un signal qu'il vient d'enregistrer), gardés
     * tant que l'agent est en pause ; ensuite, ceux restés « executing » (en attente de la bourse).
     */
    public List<String> unfinished() {
        resolveOrphanIntents();
        List<String> pending = new ArrayList<>(startupBacklog);
        ledger.sql().list("SELECT signal_id FROM signals WHERE status = 'executing' ORDER BY id", rs -> rs.getString(1))
                .stream().filter(id -> !pending.contains(id)).forEach(pending::add);
        return pending;
    }

    /** La reprise d'un signal, ou null si elle doit attendre (agent en pause, bourse illisible). */
    public SignalRun resume(String signalId) {
        if (agentState.isPaused() && !agentState.isDead()) {
            // gardé pour la reprise : un signal « received » n'est repris que depuis cette liste
            LOG.debug("Signal {} left unfinished: the agent is paused, nothing is sent", signalId);
            return null;
        }
        startupBacklog.remove(signalId);
        if (signals.status(signalId) == SignalStatus.RECEIVED) {
            // dépassé par un signal plus récent : begin le dit (skipped), qu'il soit en retard ou non
            String late = lifecycle.supersededBy(signalId) == null ? lifecycle.lateReason(signalId) : null;
            if (late != null) {
                LOG.warn("Signal {} was recorded but never planned, {}", signalId, late);
                lifecycle.finish(signalId, SignalStatus.ERROR, "not executed: " + late);
                return null;
            }
            LOG.warn("Signal {} was recorded but never planned: executing it now", signalId);
            return execution.begin(SignalRows.read(ledger.sql(), signalId), null, null);
        }
        SignalLifecycle.Stop stop = lifecycle.stop(signalId);
        if (stop != null) {
            // ce que la bourse a déjà exécuté est enregistré ; le reste n'est jamais envoyé
            boolean unknownLeft = resolveSending(signalId);
            if (unknownLeft && stop.kind() == SignalLifecycle.Stop.Kind.SUPERSEDED && lifecycle.lateReason(signalId) == null) {
                LOG.debug("Signal {} ({}) waits for Binance to tell what its orders became", signalId, stop.reason());
                return null;
            }
            LOG.warn("Signal {}: {}; its unsent orders are not sent", signalId, stop.reason());
            return SignalRun.stopped(signalId, stop);
        }
        PortfolioValue figures = valuation.readNow();
        if (!figures.reliable()) {
            LOG.warn("Signal {} left executing: resume postponed, prices or balances unavailable", signalId);
            return null;
        }
        Boolean found = recordFound(signalId, figures);
        if (found == null) {
            LOG.warn("Signal {} left executing: resume postponed, Binance cannot tell what an order became", signalId);
            return null;
        }
        if (found) {
            // le registre vient d'apprendre ces ordres, peut-être exécutés APRÈS la lecture ci-dessus (un
            // enregistrement tardif) : la suite se dimensionne sur le compte relu, jamais sur un compte d'avant
            valuation.forgetBalances();
            figures = valuation.readNow();
            if (!figures.reliable()) {
                LOG.warn("Signal {} left executing: its found orders are recorded, the rest waits for the balances", signalId);
                return null;
            }
        }
        LOG.warn("Signal {} was interrupted: resuming its orders", signalId);
        return execution.toSend(signalId, figures);
    }

    /**
     * Les ordres « sending » que la bourse a déjà exécutés sont écrits AVANT le dimensionnement de la
     * suite : le compte relu les contient déjà, le registre (LIVE_SIZING=budget) pas encore ; sinon un
     * achat déjà fait serait compté deux fois (l'USDC de l'utilisateur dépensé). Vrai si l'un d'eux est
     * écrit ; null si la bourse ne peut pas répondre (rien n'est alors envoyé). Un ordre que la bourse
     * n'a pas (passé son recvWindow) redevient « planned » : il part avec sa vague sans qu'on redemande.
     */
    private Boolean recordFound(String signalId, PortfolioValue figures) {
        List<OrderResult> known = new ArrayList<>();
        boolean filled = false;
        for (OrderIntent intent : ledger.intents(signalId)) {
            if (!intent.status().equals(OrderIntent.SENDING)) {
                continue;
            }
            OrderResult asked = recovery.ask(intent, figures.market());
            if (asked != null && asked.unknown()) {
                return null;
            }
            filled |= asked != null;
            known.add(asked != null ? asked : OrderResult.closed(intent, OrderIntent.PLANNED, null));
        }
        ledger.recordWave(known);
        return filled;
    }

    /** Les ordres « sending » d'un signal qui n'enverra plus rien ; vrai si la bourse ne sait pas encore dire l'issue de l'un d'eux. */
    private boolean resolveSending(String signalId) {
        return resolve(ledger.intents(signalId).stream().filter(i -> i.status().equals(OrderIntent.SENDING)).toList());
    }

    /** Au plus une fois par minute : une bourse en panne ne doit pas tenir le verrou du trading à chaque tick. */
    private void resolveOrphanIntents() {
        if (orphansAskedAt != null && Duration.between(orphansAskedAt, clock.instant()).compareTo(ORPHAN_PERIOD) < 0) {
            return;
        }
        orphansAskedAt = clock.instant();
        resolve(ledger.unresolved().stream().filter(i -> signals.status(i.signalId()) != SignalStatus.EXECUTING).toList());
    }

    /**
     * Chaque intention « sending » : exécutée (enregistrée, ses frais valorisés aux derniers prix connus),
     * jamais arrivée (abandonnée), ou toujours inconnue (vrai est rendu).
     */
    private boolean resolve(List<OrderIntent> sending) {
        if (sending.isEmpty()) {
            return false;
        }
        MarketSnapshot market = marketData.latest();
        List<OrderResult> known = new ArrayList<>();
        for (OrderIntent intent : sending) {
            OrderResult result = recovery.ask(intent, market);
            known.add(result != null ? result : OrderResult.closed(intent, OrderIntent.ABANDONED,
                    intent.pair() + " " + intent.side() + ": never reached the exchange"));
        }
        ledger.recordWave(known);
        if (known.stream().anyMatch(result -> result.fill() != null)) {
            valuation.forgetBalances();
        }
        return known.stream().anyMatch(OrderResult::unknown);
    }
}
