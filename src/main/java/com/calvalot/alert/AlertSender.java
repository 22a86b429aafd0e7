package com.calvalot.alert;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Le fil qui envoie les alertes aux canaux, à part du flux qui les lève : un canal lent (10 s au
 * plus chacun) ne retarde jamais un ordre. La file est bornée : au-delà, l'alerte est journalisée
 * (elle l'a déjà été en WARN) et abandonnée plutôt que d'accumuler de la mémoire.
 */
final class AlertSender {

    static final int QUEUE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);

    private AlertSender() {
    }

    static ExecutorService create() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "calvalot-alert-sender");
            thread.setDaemon(true);
            return thread;
        }, (runnable, executor) -> LOG.warn("Alert not sent to the channels: {} alerts already waiting", QUEUE));
    }
}
