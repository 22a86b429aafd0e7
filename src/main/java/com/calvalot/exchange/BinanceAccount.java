package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les soldes du compte Spot (GET /api/v3/account) : l'USDC et l'actif de chaque paire suivie. Un
 * compte partagé : une pièce sous un ordre limite de l'utilisateur est « locked », toujours détenue
 * mais pas vendable ; seul le libre se vend ou se dépense.
 */
public class BinanceAccount {

    /**
     * {@code cashUsdc} : l'USDC libre (ce qui se dépense) ; {@code quantities} par paire, libre + bloqué
     * (ce qui est détenu) ; {@code free} par paire, le libre seul (ce qui se vend) ; {@code cashHeld} :
     * l'USDC libre + bloqué. Sans les soldes nuls.
     */
    public record Balances(BigDecimal cashUsdc, Map<String, BigDecimal> quantities, Map<String, BigDecimal> free,
                           BigDecimal cashHeld) {

        /** Des soldes sans rien de bloqué. */
        public static Balances allFree(BigDecimal cashUsdc, Map<String, BigDecimal> quantities) {
            return new Balances(cashUsdc, quantities, quantities, cashUsdc);
        }
    }

    private final BinanceHttp http;
    /** Le taux de commission « taker » que la dernière lecture a dit (commissionRates.taker), ou null. */
    private volatile BigDecimal takerCommission;

    public BinanceAccount(BinanceHttp http) {
        this.http = http;
    }

    /** Le taux de commission de ce compte sur un ordre au marché, tel que la dernière lecture l'a dit ; null avant. */
    public BigDecimal takerCommission() {
        return takerCommission;
    }

    /** @throws BinanceApiException si le compte ne peut pas être lu */
    public Balances read() {
        JsonNode account = http.signed("GET", "/api/v3/account", Map.of("omitZeroBalances", "true"));
        Map<String, BigDecimal> free = new HashMap<>();
        Map<String, BigDecimal> locked = new HashMap<>();
        for (JsonNode balance : account.path("balances")) {
            String asset = balance.path("asset").asText();
            free.put(asset, decimal(balance, "free"));
            locked.put(asset, decimal(balance, "locked"));
        }
        Map<String, BigDecimal> held = new HashMap<>();
        Map<String, BigDecimal> sellable = new HashMap<>();
        for (String pair : TrackedPairs.ALL) {
            String asset = TrackedPairs.baseAsset(pair);
            BigDecimal freeQuantity = free.getOrDefault(asset, BigDecimal.ZERO);
            BigDecimal heldQuantity = freeQuantity.add(locked.getOrDefault(asset, BigDecimal.ZERO));
            if (heldQuantity.signum() > 0) {
                held.put(pair, Money.plain(heldQuantity));
            }
            if (freeQuantity.signum() > 0) {
                sellable.put(pair, Money.plain(freeQuantity));
            }
        }
        readTaker(account.path("commissionRates").path("taker"));
        BigDecimal cash = free.getOrDefault(TrackedPairs.QUOTE_ASSET, BigDecimal.ZERO);
        BigDecimal cashHeld = cash.add(locked.getOrDefault(TrackedPairs.QUOTE_ASSET, BigDecimal.ZERO));
        return new Balances(Money.plain(cash), Map.copyOf(held), Map.copyOf(sellable), Money.plain(cashHeld));
    }

    /** Un taux lisible entre 0 et 1 % est gardé ; sinon le précédent reste (jamais une lecture refusée pour lui). */
    private void readTaker(JsonNode taker) {
        try {
            BigDecimal rate = taker.isMissingNode() || taker.isNull() ? null : new BigDecimal(taker.asText());
            if (rate != null && rate.signum() >= 0 && rate.compareTo(new BigDecimal("0.01")) <= 0) {
                takerCommission = Money.plain(rate);
            }
        } catch (NumberFormatException e) {
            // un taux illisible ne change rien au compte : le précédent (ou le taux de base) sert
        }
    }

    private static BigDecimal decimal(JsonNode balance, String field) {
        String text = balance.path(field).asText("0");
        try {
            return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BinanceApiException(200, 0, "unreadable " + field + " balance of " + balance.path("asset").asText());
        }
    }
}
