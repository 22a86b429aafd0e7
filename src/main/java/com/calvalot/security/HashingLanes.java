package com.calvalot.security;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Le fil unique des hachages de mots de passe (un cœur sur deux au plus), et sa file découpée en
 * voies servies dans l'ordre : d'abord les adresses déjà connues, puis celles qui n'ont jamais
 * échoué, enfin les autres ({@link LoginThrottle.Lane}). Dans une voie, les réseaux passent chacun
 * leur tour (file équitable : le n-ième contrôle d'un réseau passe après le premier de tous les
 * autres) : les essais d'un attaquant remplissent sa voie et son tour, jamais ceux du propriétaire.
 */
final class HashingLanes {

    /**
     * Les places de chaque voie, et d'un même réseau dans une voie. Un hachage coûte 0,5 à 3 s sur un
     * petit processeur : seize en attente, c'est déjà une demi-minute. Une adresse neuve n'a qu'un essai
     * avant d'être suspecte : la voie des neuves est plus large, pour que le propriétaire y trouve place.
     */
    static final Map<LoginThrottle.Lane, Integer> PLACES = Map.of(
            LoginThrottle.Lane.KNOWN, 4, LoginThrottle.Lane.FRESH, 32, LoginThrottle.Lane.SUSPECT, 2);
    static final int PLACES_PER_NETWORK = 16;

    private final ThreadPoolExecutor thread;
    private final Map<LoginThrottle.Lane, Integer> waiting = new EnumMap<>(LoginThrottle.Lane.class);
    private final Map<String, Integer> waitingPerNetwork = new HashMap<>();
    /** Le tour du dernier contrôle de chaque réseau mis en file, et celui du dernier commencé. */
    private final Map<String, Long> lastTurn = new HashMap<>();
    private long turn;
    private long order;

    HashingLanes() {
        thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), task -> {
            Thread hashing = new Thread(task, "password-check");
            hashing.setDaemon(true);
            return hashing;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /** Faux si la voie, ou la part du réseau dans la voie, est pleine (rien n'est lancé). */
    boolean offer(LoginThrottle.Lane lane, String network, Runnable check) {
        String key = lane + " " + network;
        Queued queued;
        synchronized (this) {
            if (waiting.getOrDefault(lane, 0) >= PLACES.get(lane)
                    || waitingPerNetwork.getOrDefault(key, 0) >= PLACES_PER_NETWORK) {
                return false;
            }
            waiting.merge(lane, 1, Integer::sum);
            waitingPerNetwork.merge(key, 1, Integer::sum);
            long itsTurn = Math.max(turn, lastTurn.getOrDefault(key, 0L)) + 1;
            lastTurn.put(key, itsTurn);
            queued = new Queued(lane, itsTurn, ++order, () -> {
                started(lane, key, itsTurn);
                check.run();
            });
        }
        thread.execute(queued);
        return true;
    }

    private synchronized void started(LoginThrottle.Lane lane, String key, long itsTurn) {
        waiting.merge(lane, -1, Integer::sum);
        if (waitingPerNetwork.merge(key, -1, Integer::sum) <= 0) {
            waitingPerNetwork.remove(key);
        }
        turn = Math.max(turn, itsTurn);
        // un tour déjà passé ne retarde plus personne : la table ne garde que les réseaux en attente
        lastTurn.values().removeIf(last -> last <= turn);
    }

    /** La voie d'abord, puis le tour du réseau, puis l'ordre d'arrivée. */
    private record Queued(LoginThrottle.Lane lane, long turn, long order, Runnable check)
            implements Runnable, Comparable<Queued> {
        @Override
        public void run() {
            check.run();
        }

        @Override
        public int compareTo(Queued other) {
            int byLane = lane.compareTo(other.lane);
            if (byLane != 0) {
                return byLane;
            }
            int byTurn = Long.compare(turn, other.turn);
            return byTurn != 0 ? byTurn : Long.compare(order, other.order);
        }
    }
}
