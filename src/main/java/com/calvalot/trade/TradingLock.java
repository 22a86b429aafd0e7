package com.calvalot.trade;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Un seul signal à la fois : le poll et la reprise au démarrage ne doivent jamais planifier en
 * même temps sur le même registre. Pris et rendu par la route (doTry / doFinally), même fil ;
 * réentrant : le poll le prend dès qu'un signal est reconnu nouveau (ses chiffres sont alors
 * demandés), le flux de trading le reprend, et chaque prise a son rendu.
 * Il compte aussi ses prises : une lecture du compte faite hors du verrou porte une marque
 * ({@link #stamp}), et n'est comparée au registre que si personne n'a tradé depuis ({@link #quietSince}).
 */
public class TradingLock {

    /** La propriété d'échange qui porte la marque d'une lecture du compte (l'instantané). */
    public static final String STAMP = "tradingLockStamp";

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong holds = new AtomicLong();

    public void acquire() {
        lock.lock();
        counted();
    }

    /** Pris seulement s'il est libre (ou déjà tenu par ce fil) : une tâche de fond ne fait pas attendre un signal. */
    public boolean tryAcquire() {
        if (!lock.tryLock()) {
            return false;
        }
        counted();
        return true;
    }

    public void release() {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    /** La marque d'une lecture faite maintenant ; -1 si un autre fil tient le verrou (un signal trade). */
    public long stamp() {
        return lock.isLocked() && !lock.isHeldByCurrentThread() ? -1 : holds.get();
    }

    /**
     * Ce fil tient le verrou : personne d'autre ne l'a pris depuis la marque {@code stamp} (la lecture
     * marquée ne précède aucun ordre que le registre connaît déjà).
     */
    public boolean quietSince(long stamp) {
        if (stamp < 0 || !lock.isHeldByCurrentThread()) {
            return false;
        }
        // notre propre prise compte une fois si le verrou était libre à la lecture
        long expected = lock.getHoldCount() == 1 ? stamp + 1 : stamp;
        return holds.get() == expected;
    }

    private void counted() {
        if (lock.getHoldCount() == 1) {
            holds.incrementAndGet();
        }
    }
}
