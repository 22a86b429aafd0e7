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
 * ligne de log, une fois par sorte jusqu'à ce qu'un appel réussisse, jamais une trace de pile ni le
 * message de l'exception (l'URL du Bot API porte le jeton).
 */
public class TelegramFailures implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramFailures.class);

    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile TelegramGate gate;

    void attach(TelegramGate pollGate) {
        this.gate = pollGate;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        TelegramGate pollGate = gate;
        boolean polling = exchange.getProperty(ExchangePropertyKey.ERRORHANDLER_BRIDGE, false, Boolean.class);
        if (polling && pollGate != null) {
            // le rythme est déjà décidé par la stratégie de poll (rollback) : on le dit, une fois
            TelegramTrouble trouble = pollGate.lastTrouble();
            if (trouble != null) {
                once("poll " + trouble.kind(), "Telegram polling failed: {}; next try in {} s", trouble.reason(),
                        trouble.pause().toSeconds());
            }
            return;
        }
        if ("daily-report".equals(exchange.getFromRouteId())) {
            LOG.warn("Daily report not sent: {}", failure == null ? "unknown failure" : failure.getClass().getSimpleName());
            return;
        }
        String command = exchange.getMessage().getHeader(TelegramCommands.COMMAND, String.class);
        TelegramTrouble trouble = TelegramTrouble.of(failure == null ? new IllegalStateException() : failure, 1);
        if (pollGate != null && "HTTP 429".equals(trouble.kind())) {
            pollGate.hold(trouble);
        }
        once("route " + trouble.kind(), "Telegram {} not answered: {}", command == null ? "message" : command,
                trouble.reason());
    }

    /** Une réponse HTTP refusée à l'envoi (camel-http sans exception) : même règle, une ligne par sorte. */
    void sendRefused(TelegramTrouble trouble) {
        once("send " + trouble.kind(), "Telegram message not sent: {}", trouble.reason(), null);
    }

    /** Un appel a réussi : la prochaine panne sera de nouveau journalisée. */
    void recovered() {
        if (!logged.isEmpty()) {
            logged.clear();
            LOG.info("Telegram reachable again");
        }
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
