package com.calvalot.telegram;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ce qui est arrivé au Bot API, en mots sûrs (jamais le message d'une exception : il porte l'URL,
 * donc le jeton), et combien attendre avant de le rappeler : le retry_after d'un 429, dix minutes
 * pour un jeton refusé, un recul de 5 s à 5 min pour une panne.
 *
 * @param kind   ce qui n'est journalisé qu'une fois jusqu'à la guérison (« HTTP 429 », « unreachable »)
 * @param reason la ligne de log, lisible par une personne
 * @param pause  le temps à laisser avant le prochain appel
 */
record TelegramTrouble(String kind, String reason, Duration pause) {

    static final Duration REFUSED_TOKEN_WAIT = Duration.ofMinutes(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final Pattern RETRY_AFTER = Pattern.compile("\"retry_after\"\\s*:\\s*(\\d{1,9})");

    /** Une réponse HTTP hors 2xx ; {@code failuresInARow} compte celle-ci. */
    static TelegramTrouble ofHttp(int status, String body, int failuresInARow) {
        return switch (status) {
            case 401 -> new TelegramTrouble("HTTP 401", "the bot token was refused (HTTP 401): it was revoked "
                    + "or TELEGRAM_BOT_TOKEN is mistyped", REFUSED_TOKEN_WAIT);
            case 404 -> new TelegramTrouble("HTTP 404", "the Bot API does not know this bot (HTTP 404): check "
                    + "TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL", REFUSED_TOKEN_WAIT);
            case 409 -> new TelegramTrouble("HTTP 409", "another program reads this bot's updates, or a webhook "
                    + "is set (HTTP 409)", Duration.ofMinutes(1));
            case 429 -> {
                Duration wait = retryAfter(body);
                yield new TelegramTrouble("HTTP 429", "flood limit (HTTP 429): Telegram asks to wait "
                        + wait.toSeconds() + " s", wait);
            }
            default -> new TelegramTrouble("HTTP " + status, "the Bot API answered HTTP " + status,
                    backoff(failuresInARow));
        };
    }

    /** Une exception du client HTTP ou de la lecture de la réponse. */
    static TelegramTrouble of(Throwable failure, int failuresInARow) {
        com.fasterxml.jackson.core.JsonProcessingException garbled = find(failure,
                com.fasterxml.jackson.core.JsonProcessingException.class);
        if (garbled != null) {
            return new TelegramTrouble("not json", "the Bot API answered something that is not its JSON "
                    + "(check TELEGRAM_API_URL)", backoff(failuresInARow));
        }
        IOException io = find(failure, IOException.class);
        if (io != null) {
            return new TelegramTrouble("unreachable", "the Bot API is unreachable (" + io.getClass().getSimpleName()
                    + ")", backoff(failuresInARow));
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new TelegramTrouble(root.getClass().getSimpleName(), "the Bot API call failed ("
                + root.getClass().getSimpleName() + ")", backoff(failuresInARow));
    }

    /** 5 s, 10 s, 20 s… jusqu'à 5 min. */
    static Duration backoff(int failuresInARow) {
        int doublings = Math.max(0, Math.min(failuresInARow - 1, 6));
        Duration wait = Duration.ofSeconds(5L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** Le {@code parameters.retry_after} du corps d'un 429, borné ; 30 s s'il manque. */
    static Duration retryAfter(String body) {
        Matcher matcher = RETRY_AFTER.matcher(body == null ? "" : body);
        if (!matcher.find()) {
            return Duration.ofSeconds(30);
        }
        Duration wait = Duration.ofSeconds(Math.max(1, Long.parseLong(matcher.group(1))));
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
