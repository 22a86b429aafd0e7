package com.calvalot.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

import com.calvalot.api.JsonResponses;
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
        JsonResponses.write(exchange, 200, answer);
    }

    public void exchangeInfo(Exchange exchange) {
        List<String> pairs = requestedPairs(exchange);
        if (pairs != null) {
            JsonResponses.write(exchange, 200, DemoExchangeInfo.answer(pairs, clock.millis()));
        }
    }

    public void time(Exchange exchange) {
        JsonResponses.write(exchange, 200, Map.of("serverTime", clock.millis()));
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
            binanceError(exchange, -1100, "Illegal characters found in parameter 'symbols'.");
            return null;
        }
        if (!pairs.stream().allMatch(DemoExchangeInfo::knows)) {
            binanceError(exchange, -1121, "Invalid symbol.");
            return null;
        }
        return pairs;
    }

    /** Une erreur au format de Binance : 400 {"code": …, "msg": …}. */
    private static void binanceError(Exchange exchange, int code, String msg) {
        JsonResponses.write(exchange, 400, Json.MAPPER.createObjectNode().put("code", code).put("msg", msg));
    }
}
