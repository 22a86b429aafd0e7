package com.calvalot.api;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.budget.SnapshotHistory;
import com.calvalot.perfect.CopyTracking;

/** GET /api/copy/tracking?period=1d|1w|1m|1y (1m par défaut) : le suiveur à côté de sa copie parfaite. */
public class CopyTrackingEndpoint implements Processor {

    private final CopyTracking tracking;

    public CopyTrackingEndpoint(CopyTracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public void process(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("period", String.class);
        String period = raw == null ? "1m" : raw.trim();
        Duration span = SnapshotHistory.PERIODS.get(period);
        if (span == null) {
            throw ApiException.badRequest("period must be one of 1d, 1w, 1m, 1y");
        }
        JsonResponses.write(exchange, 200, tracking.tracking(period, span));
    }
}
