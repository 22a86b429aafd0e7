package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

/** Les soldes libres du compte Spot (GET /api/v3/account) : l'USDC et l'actif de chaque paire suivie. */
public class BinanceAccount {

    /** {@code quantities} par paire (BTCUSDC → BTC libres), sans les soldes nuls. */
    public record Balances(BigDecimal cashUsdc, Map<String, BigDecimal> quantities) {
    }

    private final BinanceHttp http;

    public BinanceAccount(BinanceHttp http) {
        this.http = http;
    }

    /** @throws BinanceApiException si le compte ne peut pas être lu */
    public Balances read() {
        JsonNode account = http.signed("GET", "/api/v3/account", Map.of("omitZeroBalances", "true"));
        Map<String, BigDecimal> free = new HashMap<>();
        for (JsonNode balance : account.path("balances")) {
            free.put(balance.path("asset").asText(), new BigDecimal(balance.path("free").asText("0")));
        }
        Map<String, BigDecimal> quantities = new HashMap<>();
        for (String pair : TrackedPairs.ALL) {
            BigDecimal held = free.getOrDefault(TrackedPairs.baseAsset(pair), BigDecimal.ZERO);
            if (held.signum() > 0) {
                quantities.put(pair, Money.plain(held));
            }
        }
        return new Balances(Money.plain(free.getOrDefault(TrackedPairs.QUOTE_ASSET, BigDecimal.ZERO)), Map.copyOf(quantities));
    }
}
