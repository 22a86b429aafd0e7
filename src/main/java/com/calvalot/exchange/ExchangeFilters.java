package com.calvalot.exchange;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les filtres des paires suivies, lus dans exchangeInfo, gardés une heure (relus plus tôt après un
 * refus par un filtre : la bourse les a changés). Si la relecture échoue,
 * les derniers connus servent ; si rien n'a jamais été lu, aucun ordre live ne part.
 */
public class ExchangeFilters implements OrderRules {

    static final Duration REFRESH = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFilters.class);

    private final BinanceHttp http;
    private final Clock clock;
    private Map<String, SymbolFilters> filters = Map.of();
    private Instant loadedAt;

    public ExchangeFilters(BinanceHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public synchronized SymbolFilters of(String pair) {
        if (loadedAt == null || Duration.between(loadedAt, clock.instant()).compareTo(REFRESH) >= 0) {
            try {
                filters = parse(http.publicGet("/api/v3/exchangeInfo",
                        Map.of("symbols", Json.write(new ArrayList<>(TrackedPairs.ALL)))));
                loadedAt = clock.instant();
            } catch (RuntimeException e) {
                LOG.warn("Cannot read Binance exchangeInfo ({}); keeping the last known filters", e.getMessage());
            }
        }
        SymbolFilters found = filters.get(pair);
        if (found == null) {
            throw new IllegalStateException("exchange filters for " + pair + " are unknown (exchangeInfo unreadable)");
        }
        return found;
    }

    @Override
    public synchronized void refreshAfterRefusal() {
        loadedAt = null;
    }

    @Override
    public Sized buy(String pair, BigDecimal quote, BigDecimal price) {
        return of(pair).buy(quote, price);
    }

    @Override
    public Sized sell(String pair, BigDecimal quantity, BigDecimal price) {
        return of(pair).sell(quantity, price);
    }

    static Map<String, SymbolFilters> parse(JsonNode info) {
        Map<String, SymbolFilters> parsed = new HashMap<>();
        for (JsonNode s : info.path("symbols")) {
            BigDecimal step = null;
            BigDecimal minQty = BigDecimal.ZERO;
            BigDecimal maxQty = null;
            BigDecimal minNotional = BigDecimal.ZERO;
            for (JsonNode f : s.path("filters")) {
                switch (f.path("filterType").asText()) {
                    case "LOT_SIZE" -> {
                        step = decimal(f, "stepSize");
                        minQty = minQty.max(decimal(f, "minQty"));
                        maxQty = decimal(f, "maxQty");
                    }
                    case "MARKET_LOT_SIZE" -> {
                        // pas ou bornes à zéro : le filtre ne s'applique pas
                        minQty = minQty.max(decimal(f, "minQty"));
                        BigDecimal marketMax = decimal(f, "maxQty");
                        if (marketMax.signum() > 0 && (maxQty == null || marketMax.compareTo(maxQty) < 0)) {
                            maxQty = marketMax;
                        }
                        BigDecimal marketStep = decimal(f, "stepSize");
                        if (marketStep.signum() > 0 && (step == null || marketStep.compareTo(step) > 0)) {
                            step = marketStep;
                        }
                    }
                    case "NOTIONAL" -> {
                        if (f.path("applyMinToMarket").asBoolean(true)) {
                            minNotional = minNotional.max(decimal(f, "minNotional"));
                        }
                    }
                    case "MIN_NOTIONAL" -> {
                        if (f.path("applyToMarket").asBoolean(true)) {
                            minNotional = minNotional.max(decimal(f, "minNotional"));
                        }
                    }
                    default -> {
                        // PRICE_FILTER et autres : sans effet sur un ordre au marché
                    }
                }
            }
            String symbol = s.path("symbol").asText();
            parsed.put(symbol, new SymbolFilters(symbol, step, minQty, maxQty, minNotional,
                    s.path("baseAssetPrecision").asInt(Money.SCALE), s.path("quoteAssetPrecision").asInt(Money.SCALE)));
        }
        return Map.copyOf(parsed);
    }

    private static BigDecimal decimal(JsonNode filter, String field) {
        String text = filter.path(field).asText("0");
        return Money.plain(new BigDecimal(text.isEmpty() ? "0" : text));
    }
}
