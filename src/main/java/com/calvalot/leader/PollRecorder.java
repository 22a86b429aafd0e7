package com.calvalot.leader;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.json.Json;
import com.calvalot.signal.SignalRepository;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Termine un cycle : l'issue du poll (propriété {@link PollOutcome#PROPERTY}, ou l'issue du signal
 * exécuté lue dans les en-têtes du flux de trading) est écrite dans agent_state, avec l'heure ; une
 * issue où le leader n'a rien répondu d'utilisable garde aussi depuis quand cela dure.
 */
public class PollRecorder {

    /** Propriété d'échange : l'issue de ce cycle est déjà écrite (une panne après ne la remplace pas). */
    static final String RECORDED = "pollRecorded";
    /** Dans last_poll : l'heure Unix du premier poll de la série en cours sans réponse utilisable du leader. */
    public static final String UNREACHABLE_SINCE = "unreachable_since";
    /** Les issues où le leader n'a pas été appelé : ni une réponse, ni un silence. */
    private static final java.util.Set<String> NOT_ASKED = java.util.Set.of("paused", "dead", "not_configured");
    private static final Logger LOG = LoggerFactory.getLogger(PollRecorder.class);

    private final AgentStateRepository agentState;
    private final SignalRepository signals;
    private final Clock clock;
    /** Les polls sans réponse de la série en cours vus par ce processus (la série elle-même est en base). */
    private int silentPolls;

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
        long now = clock.instant().getEpochSecond();
        Map<String, Object> json = outcome.toJson();
        JsonNode previous = agentState.lastPoll();
        JsonNode since = previous == null ? null : previous.get(UNREACHABLE_SINCE);
        boolean wasSilent = since != null && since.canConvertToLong();
        if (leaderSilent(outcome)) {
            // la série continue (même après un redémarrage : last_poll est en base) ou commence maintenant
            json.put(UNREACHABLE_SINCE, wasSilent ? since.asLong() : now);
            silentPolls++;
        } else if (wasSilent && !NOT_ASKED.contains(outcome.status())) {
            // chaque poll manqué a eu sa ligne (PollFailures) ; le retour du leader a la sienne, une fois
            LOG.info("The leader answers again (unreachable since {}, {} poll(s) failed)",
                    Timestamps.format(Instant.ofEpochSecond(since.asLong())), Math.max(1, silentPolls));
            silentPolls = 0;
        }
        agentState.recordPoll(Json.write(json), now);
        exchange.setProperty(RECORDED, true);
        return outcome;
    }

    /**
     * Le leader n'a rien répondu d'utilisable : injoignable (refus, délai, coupure), ou une erreur sans
     * signal (5xx, HTML, réponse tronquée). Toute autre issue est une réponse, ou un poll non fait
     * (pause, mort, pas de leader) : la série s'arrête, comme le compte de l'alerte leader_unreachable.
     */
    static boolean leaderSilent(PollOutcome outcome) {
        return "unreachable".equals(outcome.status()) || ("error".equals(outcome.status()) && outcome.signalId() == null);
    }
}
