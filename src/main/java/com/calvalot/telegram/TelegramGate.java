package com.calvalot.telegram;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Le rythme du long polling (pollStrategy du consommateur telegram) : après une panne, aucun appel
 * avant l'heure dite (retry_after d'un 429, 10 min pour un jeton refusé, recul pour une panne) ; un
 * tour sauté ne coûte rien. Un 429 reçu à l'envoi d'une réponse retient aussi le poll.
 */
public class TelegramGate implements PollingConsumerPollStrategy {

    private final Clock clock;
    private final TelegramFailures failures;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile Instant resumeAt = Instant.MIN;
    private volatile TelegramTrouble lastTrouble;

    public TelegramGate(Clock clock, TelegramFailures failures) {
        this.clock = clock;
        this.failures = failures;
        failures.attach(this);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return !clock.instant().isBefore(resumeAt);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (failuresInARow.getAndSet(0) > 0) {
            lastTrouble = null;
        }
        failures.recovered();
    }

    /** Faux : pas de nouvel essai immédiat ; la panne passe ensuite à la route (bridgeErrorHandler). */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        TelegramTrouble trouble = TelegramTrouble.of(cause, failuresInARow.incrementAndGet());
        lastTrouble = trouble;
        hold(trouble);
        return false;
    }

    void hold(TelegramTrouble trouble) {
        Instant until = clock.instant().plus(trouble.pause());
        synchronized (this) {
            if (until.isAfter(resumeAt)) {
                resumeAt = until;
            }
        }
    }

    TelegramTrouble lastTrouble() {
        return lastTrouble;
    }
}
