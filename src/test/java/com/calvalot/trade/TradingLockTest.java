package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * La marque d'une lecture du compte faite hors du verrou (l'instantané du poll) : la réconciliation ne
 * la compare au registre que si aucun signal n'a tradé entre la lecture et elle (revue de F4 : une
 * reprise qui vendait entre les deux faisait adopter des pièces déjà vendues).
 */
class TradingLockTest {

    private final TradingLock lock = new TradingLock();

    /** La réconciliation prend le verrou (jamais en attendant un signal) et juge la lecture marquée {@code stamp}. */
    private boolean quietWhenTheReconciliationRuns(long stamp) {
        assertTrue(lock.tryAcquire(), "nobody trades: the reconciliation takes the lock");
        try {
            return lock.quietSince(stamp);
        } finally {
            lock.release();
        }
    }

    @Test
    void aReadMadeWhileNobodyTradedIsComparedToTheLedger() {
        long stamp = lock.stamp();
        assertTrue(quietWhenTheReconciliationRuns(stamp));
    }

    @Test
    void aSignalThatTradedBetweenTheReadAndTheReconciliationMakesTheReadStale() throws Exception {
        long stamp = lock.stamp();
        Thread signal = new Thread(() -> {
            lock.acquire();
            lock.release();
        });
        signal.start();
        signal.join();
        assertFalse(quietWhenTheReconciliationRuns(stamp));
    }

    @Test
    void aReadMadeWhileAnotherThreadTradesIsNeverCompared() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread signal = new Thread(() -> {
            lock.acquire();
            held.countDown();
            try {
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lock.release();
        });
        signal.start();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        long stamp = lock.stamp();
        assertEquals(-1, stamp);
        assertFalse(lock.tryAcquire(), "a background task never waits for a signal");
        done.countDown();
        signal.join();
        assertFalse(quietWhenTheReconciliationRuns(stamp));
    }

    @Test
    void theSignalsOwnSnapshotUnderItsLockIsCompared() {
        // le flux de trading prend son instantané sous son propre verrou, puis la réconciliation le reprend
        lock.acquire();
        long stamp = lock.stamp();
        assertTrue(quietWhenTheReconciliationRuns(stamp));
        lock.release();
    }
}
