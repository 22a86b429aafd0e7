package com.calvalot.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.calvalot.metrics.Meters;

/**
 * Un seul feu pour tout le processus : après un 429 ou un 418, plus aucun appel Binance avant
 * la fin du Retry-After (pas de tempête de relances, pas de bannissement prolongé).
 */
public class BinanceRateGate {

    /** Sans Retry-After lisible, on attend une minute : Binance compte ses limites à la minute. */
    static final Duration DEFAULT_BLOCK = Duration.ofSeconds(60);

    private final Clock clock;
    private Instant blockedUntil = Instant.MIN;

    public BinanceRateGate(Clock clock) {
        this.clock = clock;
    }

    public synchronized void block(Duration duration) {
        Meters.rateLimitPause();
        Instant until = clock.instant().plus(duration);
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    public synchronized Duration remaining() {
        Duration left = Duration.between(clock.instant(), blockedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Attend la fin du blocage s'il est plus court que {@code maxWait} ; sinon lève sans appeler. */
    public void awaitOpen(Duration maxWait) {
        Duration left = remaining();
        if (left.isZero()) {
            return;
        }
        if (left.compareTo(maxWait) > 0) {
            throw new BinanceApiException(429, -1003, "Binance rate limit: calls paused for " + left.toSeconds() + " more s");
        }
        try {
            Thread.sleep(left.toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinanceApiException(429, -1003, "interrupted while waiting for the Binance rate limit");
        }
    }

    /** Retry-After en secondes (seule forme que Binance envoie) ; absent ou illisible : une minute. */
    public static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_BLOCK;
        } catch (RuntimeException e) {
            return DEFAULT_BLOCK;
        }
    }
}
