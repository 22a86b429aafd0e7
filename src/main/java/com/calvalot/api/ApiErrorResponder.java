package com.calvalot.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * La politique d'erreur des routes HTTP : une ApiException devient son 4xx, tout le reste un 500
 * générique. Jamais de trace, de SQL ni de nom de classe dans la réponse.
 */
public class ApiErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponder.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException refused = find(cause);
        if (refused != null) {
            JsonResponses.error(exchange, refused.status(), refused.getMessage());
            return;
        }
        // le détail reste dans le log du serveur, la réponse ne dit rien d'interne
        LOG.warn("API request failed: {}", cause == null ? "unknown" : cause.toString());
        JsonResponses.error(exchange, 500, "internal error");
    }

    private static ApiException find(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
