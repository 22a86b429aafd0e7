package com.calvalot.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;

/**
 * Ce qu'il faut pour l'alerte leader_unreachable (trading-rules.md) : l'heure de la dernière
 * réponse 200/204 du leader et le nombre de 403 d'affilée, notés à chaque réponse HTTP.
 */
public class LeaderReachability {

    static final Duration SILENCE = Duration.ofMinutes(30);
    static final int AUTH_STREAK = 3;

    private final Clock clock;
    private Instant lastAnswer;
    private int forbiddenStreak;

    public LeaderReachability(Clock clock) {
        this.clock = clock;
        // le compte part du démarrage : un suiveur relancé laisse 30 minutes au leader
        this.lastAnswer = clock.instant();
    }

    /** Après l'appel au leader (route fetch-signal) : son statut HTTP. */
    public synchronized void answered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            return;
        }
        if (status == 200 || status == 204) {
            lastAnswer = clock.instant();
            forbiddenStreak = 0;
        } else if (status == 403) {
            forbiddenStreak++;
        } else {
            forbiddenStreak = 0;
        }
    }

    /** Un cycle qui n'a pas appelé le leader (pause, mort, pas de leader) : les 30 minutes repartent de zéro. */
    public synchronized void notAsked() {
        lastAnswer = clock.instant();
        forbiddenStreak = 0;
    }

    /** Le message de l'alerte si le leader est injoignable, sinon null. */
    public synchronized String problem() {
        if (forbiddenStreak >= AUTH_STREAK) {
            return "the leader refused " + forbiddenStreak + " requests in a row (403): SIGNAL_SECRET or the "
                    + "computer's clock is wrong";
        }
        Duration silent = Duration.between(lastAnswer, clock.instant());
        if (silent.compareTo(SILENCE) >= 0) {
            return "no answer from the leader for " + silent.toMinutes() + " min; still trying every poll";
        }
        return null;
    }
}
