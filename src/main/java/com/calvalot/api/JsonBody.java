package com.calvalot.api;

import java.math.BigDecimal;

import org.apache.camel.Exchange;

import com.calvalot.json.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Lecture stricte d'un corps de requête JSON : un objet, sans clé répétée ; un champ numérique
 * est un vrai nombre JSON (pas une chaîne, pas un booléen). Toute faute → 400, sans détail interne.
 */
public final class JsonBody {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

    public static JsonNode object(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("the body must be a JSON object; it is empty");
        }
        JsonNode body;
        try {
            body = READER.readTree(text);
        } catch (Exception e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    /** Un nombre JSON requis, lu exactement en BigDecimal. */
    public static BigDecimal number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!value.isNumber()) {
            throw ApiException.badRequest(field + " must be a number");
        }
        BigDecimal number = value.decimalValue();
        // 1e-999999999 ou 1e999999999 : trop loin de tout montant, et coûteux à arrondir
        if (number.scale() > 64 || number.precision() - number.scale() > 64) {
            throw ApiException.badRequest(field + " is out of range");
        }
        return number;
    }
}
