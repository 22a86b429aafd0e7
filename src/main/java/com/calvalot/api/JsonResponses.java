package com.calvalot.api;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.json.Json;

/** Écrit une réponse JSON (corps, statut, type) sur le message Camel. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void write(Exchange exchange, int status, Object body) {
        writeJson(exchange, status, Json.write(body));
    }

    /** Un corps déjà écrit en JSON (une réponse gardée en cache), en texte ou en octets UTF-8. */
    public static void writeJson(Exchange exchange, int status, Object json) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json);
    }

    public static void error(Exchange exchange, int status, String message) {
        write(exchange, status, Map.of("error", message));
    }
}
