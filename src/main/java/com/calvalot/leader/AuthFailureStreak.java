package com.calvalot.leader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compte les 403 consécutifs du leader : au troisième, UN avertissement qui nomme les causes
 * probables (horloge décalée, mauvais secret), puis plus rien jusqu'à une réponse acceptée.
 */
public class AuthFailureStreak {

    static final int WARN_AFTER = 3;
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureStreak.class);

    private int streak;

    public synchronized void rejected() {
        streak++;
        if (streak == WARN_AFTER) {
            LOG.warn("The leader rejected {} signed requests in a row (403): check SIGNAL_SECRET and this "
                    + "machine's clock (the leader refuses timestamps that are too old or too far ahead)", streak);
        }
    }

    public synchronized void accepted() {
        streak = 0;
    }
}
