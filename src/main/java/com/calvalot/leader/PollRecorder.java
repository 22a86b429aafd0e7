package com.calvalot.leader;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.json.Json;
import com.calvalot.signal.SignalRepository;
import com.calvalot.time.Timestamps;

/**
 * Termine un cycle : l'issue du poll (propriété {@link PollOutcome#PROPERTY}, ou l'issue du signal
 * exécuté lue dans les en-têtes du flux de trading) est écrite dans agent_state, avec l'heure.
 */
public class PollRecorder {

    /** Propriété d'échange : l'issue de ce cycle est déjà écrite (une panne après ne la remplace pas). */
    static final String RECORDED = "pollRecorded";
    private static final Logger LOG = LoggerFactory.getLogger(PollRecorder.class);

    private final AgentStateRepository agentState;
    private final SignalRepository signals;
    private final Clock clock;
    /** Depuis quand le leader ne répond plus (null : il répond), et combien de polls ont échoué depuis. */
    private Instant unreachableSince;
    private int failedPolls;

    public PollRecorder(AgentStateRepository agentState, SignalRepository signals, Clock clock) {
        this.agentState = agentState;
        this.signals = signals;
        this.clock = clock;
    }

    /** Après le flux de trading : son issue (executed, skipped, error) devient celle du poll. */
    public void executed(Exchange exchange) {
        String signalId = exchange.getProperty(SignalValidator.KEY, String.class);
        String status = exchange.getMessage().getHeader("signalOutcome", String.class);
        Integer trades = exchange.getMessage().getHeader("tradesPlaced", Integer.class);
        // « error » dit pourquoi un signal a échoué ou a été sauté ; un signal exécuté n'en a pas, même
        // si certains de ses ordres, trop petits, ont été sautés (leurs raisons restent dans /api/signals)
        String error = "executed".equals(status) ? null : signals.errorMessage(signalId);
        exchange.setProperty(PollOutcome.PROPERTY,
                new PollOutcome(status == null ? "error" : status, signalId, trades == null ? 0 : trades, error));
    }

    public void duplicate(Exchange exchange) {
        exchange.setProperty(PollOutcome.PROPERTY,
                new PollOutcome("duplicate", exchange.getProperty(SignalValidator.KEY, String.class), null, null));
    }

    public PollOutcome record(Exchange exchange) {
        PollOutcome outcome = exchange.getProperty(PollOutcome.PROPERTY, PollOutcome.class);
        if (outcome == null) {
            outcome = PollOutcome.failed("error", "the poll cycle ended without an outcome");
        }
        Instant now = clock.instant();
        agentState.recordPoll(Json.write(outcome.toJson()), now.getEpochSecond());
        exchange.setProperty(RECORDED, true);
        reachability(outcome.status(), now);
        return outcome;
    }

    /**
     * Chaque poll manqué a sa ligne (PollFailures) ; le retour du leader a la sienne, une fois. Une
     * issue « error » ne dit pas si le leader a répondu : elle ne change rien ici.
     */
    private synchronized void reachability(String status, Instant now) {
        if ("unreachable".equals(status)) {
            if (unreachableSince == null) {
                unreachableSince = now;
            }
            failedPolls++;
        } else if (!"error".equals(status) && unreachableSince != null) {
            LOG.info("The leader answers again (unreachable since {}, {} poll(s) failed)",
                    Timestamps.format(unreachableSince), failedPolls);
            unreachableSince = null;
            failedPolls = 0;
        }
    }
}
