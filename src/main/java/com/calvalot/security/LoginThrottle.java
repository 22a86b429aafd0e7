package com.calvalot.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Les mots de passe faux, comptés par adresse de client : cinq essais libres, puis une attente qui
 * double à chaque échec (1 s, 2 s, … 60 s au plus), et au vingtième un verrou de 15 minutes. Une
 * adresse n'a jamais plus d'un contrôle en cours. Chaque échec compté est journalisé (adresse,
 * utilisateur, nombre ; jamais le mot de passe), sans inonder le log.
 */
final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    static final int FREE_FAILURES = 5;
    static final int LOCKOUT_FAILURES = 20;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Au-delà, la plus ancienne adresse est oubliée : la table ne grossit pas sans fin. */
    private static final int MAX_ADDRESSES = 4096;

    /** {@code retryAfterSeconds} : 0 quand l'essai peut avoir lieu. */
    record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant blockedUntil;
    }

    private final Clock clock;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    private final Set<String> checking = new HashSet<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Avant un contrôle lent : refusé pendant l'attente ou le verrou, ou si un contrôle est déjà en cours. */
    synchronized Decision begin(String address) {
        Instant now = clock.instant();
        Failures failures = current(address, now);
        if (failures != null && failures.blockedUntil != null && now.isBefore(failures.blockedUntil)) {
            return new Decision(false, Math.max(1, Duration.between(now, failures.blockedUntil).toSeconds()));
        }
        if (!checking.add(address)) {
            return new Decision(false, 1);
        }
        return new Decision(true, 0);
    }

    synchronized void succeeded(String address) {
        checking.remove(address);
        byAddress.remove(address);
    }

    /** Le contrôle n'a pas eu lieu (file pleine) : rien n'est compté. */
    synchronized void abandoned(String address) {
        checking.remove(address);
    }

    synchronized void failed(String address, String user) {
        checking.remove(address);
        Instant now = clock.instant();
        Failures failures = current(address, now);
        if (failures == null) {
            failures = new Failures();
            byAddress.put(address, failures);
        }
        failures.count++;
        failures.last = now;
        int n = failures.count;
        if (n >= LOCKOUT_FAILURES) {
            failures.blockedUntil = now.plus(LOCKOUT);
        } else if (n >= FREE_FAILURES) {
            long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(n - FREE_FAILURES, 20));
            failures.blockedUntil = now.plusSeconds(seconds);
        }
        if (n <= FREE_FAILURES || n == LOCKOUT_FAILURES || n % 100 == 0) {
            String then = n >= LOCKOUT_FAILURES ? "; this address is locked out for " + LOCKOUT.toMinutes() + " min"
                    : n >= FREE_FAILURES ? "; further tries from this address are slowed down" : "";
            LOG.warn("Basic auth failed from {} as user '{}' ({} failure{} in a row{})", address, printable(user), n,
                    n == 1 ? "" : "s", then);
        }
    }

    /** Les échecs d'une adresse, oubliés après un verrou entier sans nouvel échec. */
    private Failures current(String address, Instant now) {
        Failures failures = byAddress.get(address);
        if (failures != null && failures.last.plus(LOCKOUT).isBefore(now)) {
            byAddress.remove(address);
            return null;
        }
        return failures;
    }

    /** Un nom d'utilisateur vient de l'attaquant : court, sans retour à la ligne ni caractère de contrôle. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        String clean = user.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
