package com.calvalot.ops;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** GET /metrics : le registre au format texte de Prometheus (0.0.4), derrière la même garde que /api/. */
public class MetricsEndpoint implements Processor {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        out.setBody(registry.scrape());
    }
}
