package com.calvalot.telegram;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.json.Json;

/**
 * La couture avec la copie parfaite (GET /api/copy/tracking, trading-rules.md « Perfect copy ») :
 * le bean de l'API nommé {@value #BEAN}, un Processor qui lit l'en-tête {@code period} et écrit la
 * réponse JSON de api.md, est appelé tel quel. Sans lui, /tracking répond « not available yet » et le
 * résumé du jour n'a pas de ligne de suivi.
 */
public class CopyTrackingSeam {

    public static final String BEAN = "copyTrackingEndpoint";
    private static final Logger LOG = LoggerFactory.getLogger(CopyTrackingSeam.class);

    public boolean available(CamelContext context) {
        return context.getRegistry().lookupByName(BEAN) instanceof Processor;
    }

    /** {@code {"1w": {...}, "1m": {...}}} pour /tracking, ou null sans copie parfaite. */
    public String weekAndMonth(Exchange exchange) {
        return periods(exchange.getContext(), "1w", "1m");
    }

    /** Le suivi du jour pour le résumé quotidien, ou null. */
    public String day(Exchange exchange) {
        return periods(exchange.getContext(), "1d");
    }

    private String periods(CamelContext context, String... periods) {
        if (!(context.getRegistry().lookupByName(BEAN) instanceof Processor tracking)) {
            return null;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        for (String period : periods) {
            Exchange call = new DefaultExchange(context);
            call.getMessage().setHeader("period", period);
            try {
                tracking.process(call);
                Integer status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                if (call.getException() != null || (status != null && status != 200)) {
                    return null;
                }
                answer.put(period, Json.MAPPER.readTree(call.getMessage().getBody(String.class)));
            } catch (Exception e) {
                LOG.warn("Copy tracking failed for {}: {}", period, e.getClass().getSimpleName());
                return null;
            }
        }
        return Json.write(answer);
    }
}
