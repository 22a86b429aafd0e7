package com.calvalot.demo;

import java.util.List;
import java.util.Map;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Les filtres d'échange du marché simulé, relevés sur ceux de Binance Spot pour ces paires. */
final class DemoExchangeInfo {

    record Filters(String stepSize, String minQty, String tickSize, String minNotional) {
    }

    private static final Map<String, Filters> FILTERS = Map.of(
            "BTCUSDC", new Filters("0.00001", "0.00001", "0.01", "5"),
            "ETHUSDC", new Filters("0.0001", "0.0001", "0.01", "5"),
            "BNBUSDC", new Filters("0.001", "0.001", "0.1", "5"),
            "SOLUSDC", new Filters("0.001", "0.001", "0.01", "5"),
            "XRPUSDC", new Filters("0.1", "0.1", "0.0001", "5"),
            "EURUSDC", new Filters("0.1", "0.1", "0.0001", "5"));

    private DemoExchangeInfo() {
    }

    static Filters filters(String pair) {
        return FILTERS.get(pair);
    }

    static boolean knows(String pair) {
        return FILTERS.containsKey(pair);
    }

    /** La réponse de /api/v3/exchangeInfo pour ces paires, au format de Binance. */
    static ObjectNode answer(List<String> pairs, long serverTime) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("timezone", "UTC").put("serverTime", serverTime);
        ArrayNode symbols = answer.putArray("symbols");
        for (String pair : pairs) {
            Filters f = FILTERS.get(pair);
            ObjectNode symbol = symbols.addObject();
            symbol.put("symbol", pair).put("status", "TRADING").put("baseAsset", pair.substring(0, 3))
                    .put("baseAssetPrecision", 8).put("quoteAsset", "USDC").put("quotePrecision", 8)
                    .put("quoteAssetPrecision", 8).put("quoteOrderQtyMarketAllowed", true);
            ArrayNode filters = symbol.putArray("filters");
            filters.addObject().put("filterType", "PRICE_FILTER").put("minPrice", f.tickSize())
                    .put("maxPrice", "1000000").put("tickSize", f.tickSize());
            filters.addObject().put("filterType", "LOT_SIZE").put("minQty", f.minQty())
                    .put("maxQty", "9000000").put("stepSize", f.stepSize());
            filters.addObject().put("filterType", "NOTIONAL").put("minNotional", f.minNotional())
                    .put("applyMinToMarket", true).put("maxNotional", "9000000")
                    .put("applyMaxToMarket", false).put("avgPriceMins", 5);
        }
        return answer;
    }
}
