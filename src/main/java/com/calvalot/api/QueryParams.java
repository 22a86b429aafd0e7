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
        if (!text.matches("[+-]?\\d{1,1000}")) {
            throw ApiException.badRequest("limit must be a whole number of at least 1");
        }
        // un entier très long reste un entier : au-dessus du maximum il est ramené au maximum
        java.math.BigInteger value = new java.math.BigInteger(text);
        if (value.signum() < 1) {
            throw ApiException.badRequest("limit must be a whole number of at least 1");
        }
        return value.min(java.math.BigInteger.valueOf(maxLimit)).intValue();
    }
}
