package com.calvalot.telegram;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * La politique d'erreur du bot (routes/errors.camel.yaml, telegram-errors) : une panne devient UNE
 * ligne de log, une fois par sorte jusqu'à ce qu'un poll réussisse, jamais une trace de pile ni le
 * message de l'exception (l'URL du Bot API porte le jeton). Une panne du poll retient le suivant.
 */
public class TelegramFailures implements Processor {

    static final String UPDATES_ROUTE = "telegram-updates";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramFailures.class);

    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile TelegramGate gate;
    /** Le premier poll réussi est dit une fois : le bot est branché (le jeton et le réseau sont bons). */
    private volatile boolean connected;

    void attach(TelegramGate pollGate) {
        this.gate = pollGate;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown failure" : failure.getClass().getSimpleName();
        String route = exchange.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        if ("daily-report".equals(route)) {
            LOG.warn("Daily report not sent: {}", reason);
        } else if (failure == null || gate == null) {
            LOG.warn("Telegram: {}", reason);
        } else if (UPDATES_ROUTE.equals(route)) {
            pollFailed(TelegramTrouble.of(failure, failedPoll()));
        } else {
            // la commande en cours (les beans de l'API vident les en-têtes, pas les propriétés)
            String command = exchange.getProperty(TelegramCommands.COMMAND, "message", String.class);
            TelegramTrouble trouble = TelegramTrouble.of(failure, 1);
            once("answer " + trouble.kind(), "Telegram " + command + " not answered: {}", trouble.reason(), null);
        }
    }

    /** Combien de polls ratés à la suite, celui-ci compris (pour le recul). */
    int failedPoll() {
        return gate.failed();
    }

    /** Le poll a échoué : le suivant attend, et la sorte de panne est dite une fois. */
    void pollFailed(TelegramTrouble trouble) {
        gate.hold(trouble);
        once("poll " + trouble.kind(), "Telegram polling failed: {}; next try in {} s", trouble.reason(),
                trouble.pause().toSeconds());
    }

    /** Une réponse refusée par le Bot API à l'envoi : une ligne par sorte ; un 429 retient aussi le poll. */
    void sendRefused(TelegramTrouble trouble) {
        if ("HTTP 429".equals(trouble.kind())) {
            gate.hold(trouble);
        }
        once("send " + trouble.kind(), "Telegram message not sent: {}", trouble.reason(), null);
    }

    /** Un poll a réussi : la prochaine panne du poll sera de nouveau journalisée. */
    void pollSucceeded() {
        boolean healed = gate.succeeded();
        boolean hadFailed = logged.removeIf(key -> key.startsWith("poll ")) || healed;
        if (!connected) {
            connected = true;
            LOG.info("Telegram connected: alerts go to TELEGRAM_CHAT_ID, and the bot answers /help from that chat");
        } else if (hadFailed) {
            LOG.info("Telegram reachable again");
        }
    }

    /** Une réponse est partie : le prochain refus d'envoi sera de nouveau journalisé. */
    void sendSucceeded() {
        logged.removeIf(key -> key.startsWith("send ") || key.startsWith("answer "));
    }

    private void once(String key, String format, Object first, Object second) {
        if (logged.add(key)) {
            if (second == null) {
                LOG.warn(format, first);
            } else {
                LOG.warn(format, first, second);
            }
        }
    }
}
