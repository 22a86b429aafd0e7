package com.calvalot.api;

import org.apache.camel.Exchange;

/** Lecture stricte des paramètres de requête partagée par toutes les routes de l'API. */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * {@code limit} : absent → défaut ; pas un entier ou &lt; 1 → 400 ; au-dessus du maximum → le maximum.
     */
    public static int limit(Exchange exchange, int defaultLimit, int maxLimit) {
        String raw = exchange.getMessage().getHeader("limit", String.class);
        if (raw == null) {
            return defaultLimit;
        }
        String text = raw.trim();
        if (!text.matches("[+-]?\\d{1,18}")) {
            throw ApiException.badRequest("limit must be a whole number of at least 1");
        }
        long value = Long.parseLong(text);
        if (value < 1) {
            throw ApiException.badRequest("limit must be a whole number of at least 1");
        }
        return (int) Math.min(value, maxLimit);
    }
}
