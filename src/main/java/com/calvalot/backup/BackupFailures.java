package com.calvalot.backup;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * La politique d'erreur du stockage (routeConfiguration {@code storage-errors}) : une ligne de log
 * avec la route et la raison, jamais une pile ; celle d'une copie reste visible dans /api/backup/latest.
 */
public class BackupFailures implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BackupFailures.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null || cause.getMessage() == null ? "unknown failure" : cause.getMessage().lines().findFirst().orElse("");
        String route = org.apache.camel.support.ExchangeHelper.getAtRouteId(exchange);
        if ("nightly-backup".equals(route)) {
            LOG.warn("Nightly backup failed: {}; the previous copies are kept, retried in an hour", reason);
        } else {
            LOG.warn("{} failed: {}", route, reason);
        }
    }
}
