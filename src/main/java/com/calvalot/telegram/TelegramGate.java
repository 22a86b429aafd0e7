package com.calvalot.telegram;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Le rythme du long polling : après une panne, aucun appel au Bot API avant l'heure dite
 * (retry_after d'un 429, 10 min pour un jeton refusé, un recul croissant pour une panne) ; un tour
 * du minuteur fermé ne coûte rien. Un 429 reçu à l'envoi d'une réponse retient aussi le poll.
 */
public class TelegramGate {

    private final Clock clock;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile Instant resumeAt = Instant.MIN;

    public TelegramGate(Clock clock) {
        this.clock = clock;
    }

    /** Vrai quand le prochain getUpdates peut partir. */
    public boolean open() {
        return !clock.instant().isBefore(resumeAt);
    }

    /** Un poll réussi : le recul repart de zéro. Vrai s'il suivait une panne. */
    boolean succeeded() {
        return failuresInARow.getAndSet(0) > 0;
    }

    /** Un poll raté : combien à la suite, celui-ci compris (pour le recul). */
    int failed() {
        return failuresInARow.incrementAndGet();
    }

    void hold(TelegramTrouble trouble) {
        Instant until = clock.instant().plus(trouble.pause());
        synchronized (this) {
            if (until.isAfter(resumeAt)) {
                resumeAt = until;
            }
        }
    }
}
