package com.calvalot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Le petit port de métriques du bas des couches : les compteurs que le code Java incrémente d'une
 * ligne (ordres, requêtes à la bourse, pauses de débit), là où ils arrivent, sans importer ops (qui
 * connaît l'API et l'agent) ni recevoir le registre : ops y installe le sien au démarrage ; avant
 * cela, le registre global de Micrometer (vide, sans effet) les absorbe.
 */
public final class Meters {

    private static volatile MeterRegistry registry = Metrics.globalRegistry;

    private Meters() {
    }

    public static void install(MeterRegistry appRegistry) {
        registry = appRegistry;
    }

    /** Un ordre terminé : {@code side} buy/sell, {@code outcome} filled, rejected ou unknown. */
    public static void order(Object side, String outcome) {
        registry.counter("calvalot.orders", "side", String.valueOf(side).toLowerCase(java.util.Locale.ROOT),
                "outcome", outcome).increment();
    }

    /** Une requête à la bourse et son statut HTTP (0 : pas de réponse). */
    public static void exchangeRequest(String endpoint, int status) {
        registry.counter("calvalot.exchange.requests", "endpoint", endpoint,
                "status", status <= 0 ? "none" : String.valueOf(status)).increment();
    }

    /** Un 429/418 de Binance : tous les appels en pause. */
    public static void rateLimitPause() {
        registry.counter("calvalot.rate.limit.pauses").increment();
    }
}
