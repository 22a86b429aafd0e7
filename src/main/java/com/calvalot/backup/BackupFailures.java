package com.calvalot.backup;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * La politique d'erreur des copies nocturnes (routeConfiguration {@code backup-errors}) : une ligne
 * de log avec la raison, jamais une pile ; la raison reste visible dans /api/backup/latest.
 */
public class BackupFailures implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BackupFailures.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null || cause.getMessage() == null ? "unknown failure" : cause.getMessage().lines().findFirst().orElse("");
        LOG.warn("Nightly backup failed: {}; the previous copies are kept, retried in an hour", reason);
    }
}
