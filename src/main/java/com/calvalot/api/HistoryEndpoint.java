package com.calvalot.api;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.budget.SnapshotHistory;

/** GET /api/budget/history?period=1d|1w|1m|1y&limit=N (5000 par défaut et au plus). */
public class HistoryEndpoint implements Processor {

    private final SnapshotHistory history;

    public HistoryEndpoint(SnapshotHistory history) {
        this.history = history;
    }

    @Override
    public void process(Exchange exchange) {
        int limit = QueryParams.limit(exchange, 5000, 5000);
        JsonResponses.writeJson(exchange, 200, history.recentJson(period(exchange), limit));
    }

    /** Absent : tout l'historique ; inconnu : 400. */
    private static Duration period(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("period", String.class);
        if (raw == null) {
            return null;
        }
        Duration period = SnapshotHistory.PERIODS.get(raw.trim());
        if (period == null) {
            throw ApiException.badRequest("period must be one of 1d, 1w, 1m, 1y");
        }
        return period;
    }
}
