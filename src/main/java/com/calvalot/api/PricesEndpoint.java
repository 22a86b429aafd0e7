package com.calvalot.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;

/**
 * GET /api/prices : {"BTCUSDC": 97000.1, …, "EURUSDC": 1.08} (prix de marché, en cache 60 s ;
 * les derniers connus si la bourse ne répond pas, rien si aucun n'a jamais été lu).
 */
public class PricesEndpoint implements Processor {

    private final MarketData marketData;

    public PricesEndpoint(MarketData marketData) {
        this.marketData = marketData;
    }

    @Override
    public void process(Exchange exchange) {
        MarketSnapshot market = marketData.latest();
        List<String> pairs = new ArrayList<>(TrackedPairs.ALL);
        pairs.add(TrackedPairs.EURUSDC);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (String pair : pairs) {
            BigDecimal price = market.price(pair);
            if (price != null) {
                prices.put(pair, Money.forJson(price));
            }
        }
        JsonResponses.write(exchange, 200, prices);
    }
}
