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
 * Les mots de passe faux, comptés par adresse de client et par réseau (/24, /64 : {@link AddressGroup}).
 * Une adresse : cinq essais libres, puis une attente qui double à chaque échec (1 s, 2 s, … 60 s au
 * plus), et au vingtième un verrou de 15 minutes. Son réseau : les échecs de toutes ses adresses
 * ensemble, dix libres puis la même attente, et à cinquante le même verrou — qui ne retient que les
 * adresses ayant elles-mêmes échoué : changer d'adresse ne rend pas d'essais à un attaquant, et le
 * propriétaire sur le même réseau, qui n'a pas échoué, n'est jamais refusé par les échecs des autres.
 * Tout est oublié après quinze minutes sans essai (un refusé qui insiste reste en mémoire).
 * <p>
 * Chaque contrôle prend une voie du fil de hachage ({@link HashingLanes}) : {@link Lane#KNOWN} pour
 * une adresse qui a déjà réussi, {@link Lane#FRESH} pour une adresse qui n'a jamais échoué (elle n'y
 * passe qu'une fois : au premier échec, elle devient suspecte), {@link Lane#SUSPECT} pour les autres.
 * Une adresse n'a jamais plus d'un contrôle en cours. Chaque échec compté est journalisé (adresse,
 * utilisateur, nombre ; jamais le mot de passe), sans inonder le log.
 */
final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    static final int FREE_FAILURES = 5;
    static final int LOCKOUT_FAILURES = 20;
    static final int GROUP_FREE_FAILURES = 10;
    static final int GROUP_LOCKOUT_FAILURES = 50;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Au-delà, la plus ancienne entrée est oubliée : les tables ne grossissent pas sans fin. */
    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_KNOWN = 64;

    /** Dans l'ordre où le fil de hachage les sert. */
    enum Lane { KNOWN, FRESH, SUSPECT }

    /**
     * {@code lane} : la voie du fil de hachage, {@code network} : le réseau de l'adresse ; {@code lane}
     * null : refusé, {@code retryAfterSeconds} et {@code message} disent pourquoi.
     */
    record Decision(Lane lane, String network, long retryAfterSeconds, String message) {
        boolean allowed() {
            return lane != null;
        }
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant blockedUntil;
    }

    private final Clock clock;
    private final Map<String, Failures> byAddress = bounded(MAX_ENTRIES);
    private final Map<String, Failures> byGroup = bounded(MAX_ENTRIES);
    private final Map<String, Boolean> known = bounded(MAX_KNOWN);
    private final Set<String> checking = new HashSet<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Avant un contrôle lent : la voie où il attendra, ou le refus (attente, verrou, contrôle déjà en cours). */
    synchronized Decision begin(String address) {
        Instant now = clock.instant();
        if (checking.contains(address)) {
            return refused(1, "a password check from this address is already running; try again in a second");
        }
        Lane lane;
        String group = AddressGroup.of(address);
        Failures own = current(byAddress, address, now);
        if (blocked(own, now)) {
            // qui insiste reste en mémoire : oublié seulement après quinze minutes de silence
            own.last = now;
            return refused(secondsUntil(own.blockedUntil, now), "too many wrong passwords from this address; try again later");
        }
        if (known.containsKey(address)) {
            lane = Lane.KNOWN;
        } else if (own == null) {
            lane = Lane.FRESH;
        } else {
            Failures network = current(byGroup, group, now);
            if (blocked(network, now)) {
                own.last = now;
                network.last = now;
                return refused(secondsUntil(network.blockedUntil, now), "too many wrong passwords from this network; try again later");
            }
            lane = Lane.SUSPECT;
        }
        checking.add(address);
        return new Decision(lane, group, 0, null);
    }

    synchronized void succeeded(String address) {
        end(address);
        byAddress.remove(address);
        known.put(address, Boolean.TRUE);
    }

    /** Le contrôle n'a pas eu lieu (voie pleine) : rien n'est compté. */
    synchronized void abandoned(String address) {
        end(address);
    }

    synchronized void failed(String address, String user) {
        end(address);
        Instant now = clock.instant();
        int n = count(byAddress, address, now, FREE_FAILURES, LOCKOUT_FAILURES);
        String group = AddressGroup.of(address);
        int inGroup = count(byGroup, group, now, GROUP_FREE_FAILURES, GROUP_LOCKOUT_FAILURES);
        if (n <= FREE_FAILURES || n == LOCKOUT_FAILURES || n % 100 == 0) {
            String then = n >= LOCKOUT_FAILURES ? "; this address is locked out for " + LOCKOUT.toMinutes() + " min"
                    : n >= FREE_FAILURES ? "; further tries from this address are slowed down" : "";
            LOG.warn("Basic auth failed from {} as user '{}' ({} failure{} in a row{})", address, printable(user), n,
                    n == 1 ? "" : "s", then);
        }
        if (inGroup == GROUP_FREE_FAILURES || inGroup == GROUP_LOCKOUT_FAILURES || inGroup % 1000 == 0) {
            LOG.warn("Basic auth: {} wrong passwords from the network {}; its addresses that failed are {}", inGroup, group,
                    inGroup >= GROUP_LOCKOUT_FAILURES ? "locked out for " + LOCKOUT.toMinutes() + " min" : "slowed down");
        }
    }

    private void end(String address) {
        checking.remove(address);
    }

    /** Un échec de plus pour {@code key} ; pose l'attente qui suit ; renvoie le nombre d'échecs. */
    private int count(Map<String, Failures> table, String key, Instant now, int free, int lockout) {
        Failures failures = current(table, key, now);
        if (failures == null) {
            failures = new Failures();
            table.put(key, failures);
        }
        failures.count++;
        failures.last = now;
        int n = failures.count;
        if (n >= lockout) {
            failures.blockedUntil = now.plus(LOCKOUT);
        } else if (n >= free) {
            long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(n - free, 20));
            failures.blockedUntil = now.plusSeconds(seconds);
        }
        return n;
    }

    /** Les échecs d'une clé, oubliés après un verrou entier sans nouvel essai. */
    private static Failures current(Map<String, Failures> table, String key, Instant now) {
        Failures failures = table.get(key);
        if (failures != null && failures.last.plus(LOCKOUT).isBefore(now)) {
            table.remove(key);
            return null;
        }
        return failures;
    }

    private static boolean blocked(Failures failures, Instant now) {
        return failures != null && failures.blockedUntil != null && now.isBefore(failures.blockedUntil);
    }

    private static long secondsUntil(Instant until, Instant now) {
        return Math.max(1, Duration.between(now, until).toSeconds());
    }

    private static Decision refused(long retryAfterSeconds, String message) {
        return new Decision(null, null, retryAfterSeconds, message);
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
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
