package com.calvalot.market;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.binance.connector.client.impl.SpotClientImpl;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

import com.calvalot.json.Json;
import com.calvalot.money.Money;

/**
 * Les prix publics de Binance (les 5 paires suivies + EURUSDC) en UN appel groupé
 * {@code /api/v3/ticker/price?symbols=[...]}, gardés 60 s. Quand la lecture échoue, les derniers
 * prix connus restent servis, marqués périmés : l'API ne tombe jamais parce que la bourse est
 * injoignable, et un portefeuille « inconnu » ne ressemble jamais à un portefeuille vide.
 */
public class BinanceMarketData implements MarketData {

    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(BinanceMarketData.class);

    private final SpotClientImpl client;
    private final Clock clock;
    private MarketSnapshot last = new MarketSnapshot(Map.of(), null, true, null);
    private Instant lastAttempt;

    public BinanceMarketData(String baseUrl, Clock clock) {
        this.client = new SpotClientImpl(baseUrl);
        this.clock = clock;
    }

    @Override
    public synchronized MarketSnapshot latest() {
        if (lastAttempt == null || Duration.between(lastAttempt, clock.instant()).compareTo(CACHE_TTL) >= 0) {
            return refresh();
        }
        return last;
    }

    @Override
    public synchronized MarketSnapshot refresh() {
        lastAttempt = clock.instant();
        try {
            last = new MarketSnapshot(readPrices(), null, false, lastAttempt).withEurFromPrices();
        } catch (RuntimeException e) {
            if (!last.stale() || last.readAt() == null) {
                LOG.warn("Cannot read Binance prices ({}); serving the last known prices, marked stale", describe(e));
            }
            last = new MarketSnapshot(last.pricesUsdc(), last.eurUsdc(), true, last.readAt());
        }
        return last;
    }

    private Map<String, BigDecimal> readPrices() {
        List<String> symbols = new ArrayList<>(TrackedPairs.ALL);
        symbols.add(TrackedPairs.EURUSDC);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("symbols", new ArrayList<>(symbols));
        String answer = client.createMarket().tickerSymbol(params);
        Map<String, BigDecimal> prices = new HashMap<>();
        try {
            for (JsonNode ticker : Json.MAPPER.readTree(answer)) {
                BigDecimal price = new BigDecimal(ticker.get("price").asText());
                if (price.signum() > 0) {
                    prices.put(ticker.get("symbol").asText(), Money.plain(price));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable ticker answer", e);
        }
        if (!prices.keySet().containsAll(symbols)) {
            throw new IllegalStateException("ticker answer lacks some of " + symbols);
        }
        return Map.copyOf(prices);
    }

    /** Le message court d'une erreur réseau ou Binance, sans URL signée (il n'y en a pas ici). */
    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
