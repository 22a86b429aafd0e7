package com.calvalot.leader;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * La politique d'erreur du flux de poll (routeConfiguration {@code poll-errors}) : une panne imprévue
 * devient l'issue du cycle, {@code unreachable}/{@code error} pendant l'appel au leader (classée sans son
 * adresse), {@code error} ailleurs, et UNE ligne de log avec sa raison, jamais une trace de pile.
 * Un signal vu mais pas encore enregistré n'est jamais perdu : sa clé de déduplication ne s'écrit
 * qu'avec sa ligne (SignalRecorder), il sera donc relu au prochain poll.
 * L'échec de l'appel au leader arrive ici par le doCatch de fetch-signal : le cycle continue et
 * enregistre l'issue lui-même. Une panne traitée par poll-errors arrête tout le cycle (Camel ne reprend
 * pas la route appelante) : l'issue posée ici est alors enregistrée par PollCycles, en un seul endroit.
 */
public class PollFailures implements Processor {

    static final String LEADER_CALL_ROUTE = "fetch-signal";
    private static final Logger LOG = LoggerFactory.getLogger(PollFailures.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = ExchangeHelper.getAtRouteId(exchange);
        boolean recorded = exchange.getProperty(PollRecorder.RECORDED, false, Boolean.class);
        exchange.getMessage().setBody(null);
        if (recorded) {
            LOG.warn("After the poll was recorded, {} failed: {}", route, reason(cause));
            return;
        }
        String signalKey = exchange.getProperty(SignalValidator.KEY, String.class);
        PollOutcome outcome = outcome(route, cause, signalKey);
        exchange.setProperty(PollOutcome.PROPERTY, outcome);
        if (LEADER_CALL_ROUTE.equals(route)) {
            // le message de l'exception porte l'adresse du leader : seule la classification est écrite
            LOG.warn("Poll {}: {}", outcome.status(), outcome.error());
            return;
        }
        LOG.warn("Poll error in {}: {}", route, reason(cause));
    }

    static PollOutcome outcome(String route, Throwable cause, String signalId) {
        if (LEADER_CALL_ROUTE.equals(route)) {
            return LeaderFailureClassifier.classify(cause);
        }
        // l'API ne montre que la classe : ni SQL ni détail interne dans last_poll
        return new PollOutcome("error", signalId, null,
                "poll cycle failed (" + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
    }

    /** La raison sur une ligne : la classe et le message de la cause la plus profonde, 300 caractères au plus. */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
