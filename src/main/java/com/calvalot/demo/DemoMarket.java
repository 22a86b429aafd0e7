package com.calvalot.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.json.Json;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Le marché simulé de la démo, servi sous /demo/market/api/v3/ : les mêmes réponses publiques que
 * Binance (ticker/price groupé, exchangeInfo, time), symbole inconnu → 400 -1121 comme le vrai.
 * Dry run seulement : aucun appel signé n'existe ici.
 */
public class DemoMarket {

    private final RandomWalk walk;
    private final Clock clock;

    public DemoMarket(RandomWalk walk, Clock clock) {
        this.walk = walk;
        this.clock = clock;
    }

    public void tickerPrice(Exchange exchange) {
        List<String> pairs = requestedPairs(exchange);
        if (pairs == null) {
            return;
        }
        Map<String, BigDecimal> prices = walk.prices();
        ArrayNode answer = Json.MAPPER.createArrayNode();
        for (String pair : pairs) {
            answer.addObject().put("symbol", pair).put("price", prices.get(pair).setScale(8).toPlainString());
        }
        reply(exchange, 200, answer.toString());
    }

    public void exchangeInfo(Exchange exchange) {
        List<String> pairs = requestedPairs(exchange);
        if (pairs != null) {
            reply(exchange, 200, DemoExchangeInfo.answer(pairs, clock.millis()));
        }
    }

    public void time(Exchange exchange) {
        reply(exchange, 200, "{\"serverTime\":" + clock.millis() + "}");
    }

    /** Le paramètre symbols (tableau JSON) ; toutes les paires s'il manque ; null après une réponse 400. */
    private static List<String> requestedPairs(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("symbols", String.class);
        List<String> pairs = new ArrayList<>();
        if (raw == null) {
            pairs.addAll(TrackedPairs.ALL);
            pairs.add(TrackedPairs.EURUSDC);
            return pairs;
        }
        try {
            for (JsonNode node : Json.MAPPER.readTree(raw)) {
                pairs.add(node.asText());
            }
        } catch (Exception e) {
            reply(exchange, 400, "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'symbols'.\"}");
            return null;
        }
        if (!pairs.stream().allMatch(DemoExchangeInfo::knows)) {
            reply(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return null;
        }
        return pairs;
    }

    private static void reply(Exchange exchange, int status, String json) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json);
    }
}
