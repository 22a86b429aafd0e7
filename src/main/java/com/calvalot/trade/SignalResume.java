package com.calvalot.trade;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.OrderOutcomeUnknownException;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.signal.SignalRepository;
import com.calvalot.signal.SignalStatus;

/**
 * La reprise après un arrêt brutal. Un signal resté « executing » reprend ses intentions : celles
 * que la bourse a déjà sont enregistrées d'après sa réponse, les autres sont envoyées. Un signal
 * resté « received » (mort avant le plan) est exécuté normalement. Une intention « sending » d'un
 * signal déjà terminé (bourse muette à l'époque) est résolue en demandant à la bourse.
 */
public class SignalResume {

    private static final Logger LOG = LoggerFactory.getLogger(SignalResume.class);

    private final SignalRepository signals;
    private final SignalExecution execution;
    private final TradeLedger ledger;
    private final MarketData marketData;
    private final com.calvalot.exchange.Exchange exchange;
    private List<String> startupBacklog;

    public SignalResume(SignalRepository signals, SignalExecution execution, TradeLedger ledger, MarketData marketData,
                        com.calvalot.exchange.Exchange exchange) {
        this.signals = signals;
        this.execution = execution;
        this.ledger = ledger;
        this.marketData = marketData;
        this.exchange = exchange;
        this.startupBacklog = signals.unfinished();
    }

    /**
     * Au premier passage : les signaux laissés inachevés par le processus précédent (lus avant le
     * démarrage des routes, pour ne pas prendre au poll un signal qu'il vient d'enregistrer) ;
     * ensuite, ceux restés « executing » (reprise reportée, issue restée inconnue).
     */
    public List<String> unfinished() {
        resolveOrphanIntents();
        List<String> pending = new ArrayList<>(startupBacklog == null ? List.of() : startupBacklog);
        startupBacklog = null;
        ledger.sql().list("SELECT signal_id FROM signals WHERE status = 'executing' ORDER BY id", rs -> rs.getString(1))
                .stream().filter(id -> !pending.contains(id)).forEach(pending::add);
        return pending;
    }

    /** La reprise d'un signal, ou null si elle doit attendre (prix illisibles). */
    public SignalRun resume(String signalId) {
        if (signals.status(signalId) == SignalStatus.RECEIVED) {
            LOG.warn("Signal {} was recorded but never planned: executing it now", signalId);
            return execution.begin(SignalRows.read(ledger.sql(), signalId));
        }
        MarketSnapshot market = marketData.refresh();
        if (!market.fresh()) {
            LOG.warn("Signal {} left executing: resume postponed, prices unavailable", signalId);
            return null;
        }
        LOG.warn("Signal {} was interrupted: resuming its orders", signalId);
        return execution.toSend(signalId, market);
    }

    private void resolveOrphanIntents() {
        for (OrderIntent intent : ledger.unresolved()) {
            if (signals.status(intent.signalId()) == SignalStatus.EXECUTING) {
                continue;
            }
            try {
                java.util.Optional<OrderFill> found = exchange.find(intent.request(null));
                if (found.isPresent()) {
                    LOG.warn("Order {} of signal {} found on the exchange: recorded", intent.clientOrderId(), intent.signalId());
                    ledger.recordFill(intent, found.get());
                } else {
                    ledger.markClosed(intent.id(), OrderIntent.ABANDONED, intent.pair() + " " + intent.side()
                            + ": never reached the exchange");
                }
            } catch (OrderOutcomeUnknownException e) {
                LOG.warn("Order {} still unresolved: {}", intent.clientOrderId(), e.getMessage());
            }
        }
    }
}
