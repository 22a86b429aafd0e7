package com.calvalot.trade;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Un seul signal à la fois : le poll et la reprise au démarrage ne doivent jamais planifier en
 * même temps sur le même registre. Pris et rendu par la route (doTry / doFinally), même fil ;
 * réentrant : le poll le prend dès qu'un signal est reconnu nouveau (ses chiffres sont alors
 * demandés), le flux de trading le reprend, et chaque prise a son rendu.
 */
public class TradingLock {

    private final ReentrantLock lock = new ReentrantLock();

    public void acquire() {
        lock.lock();
    }

    /** Pris seulement s'il est libre (ou déjà tenu par ce fil) : une tâche de fond ne fait pas attendre un signal. */
    public boolean tryAcquire() {
        return lock.tryLock();
    }

    public void release() {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }
}
