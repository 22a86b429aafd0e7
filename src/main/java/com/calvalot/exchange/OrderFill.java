package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.calvalot.money.Money;

/**
 * Ce que la bourse a exécuté : {@code quantity} est la quantité réellement créditée (achat, nette
 * de la commission prélevée sur l'actif) ou vendue ; {@code quoteAmount} l'USDC dépensé ou reçu
 * (brut) ; {@code price} le prix moyen ; {@code feeUsdc} la commission exprimée en USDC ;
 * {@code commissions} la commission telle que prélevée, par actif (BTC, USDC, BNB…).
 */
public record OrderFill(String exchangeOrderId, String status, BigDecimal quantity, BigDecimal quoteAmount,
                        BigDecimal price, BigDecimal feeUsdc, Map<String, BigDecimal> commissions, boolean simulated) {

    public boolean filledSomething() {
        return quantity.signum() > 0;
    }

    /** L'actif (ou les actifs, séparés par une virgule) dans lequel la commission a été prise. */
    public String feeAsset() {
        return commissions.isEmpty() ? null : String.join(",", new TreeMap<>(commissions).keySet());
    }

    /**
     * La commission prise dans un actif tiers (BNB) ajoutée à {@code feeUsdc} au prix {@code priceOfPair}
     * (celui lu au début du signal) ; la paire et l'USDC sont déjà comptés par la lecture de la réponse.
     */
    public OrderFill valuedAt(String pair, Function<String, BigDecimal> priceOfPair) {
        BigDecimal fee = feeUsdc;
        String base = pair.substring(0, pair.length() - 4);
        for (var commission : commissions.entrySet()) {
            String asset = commission.getKey();
            if (asset.equals(base) || asset.equals("USDC")) {
                continue;
            }
            BigDecimal price = priceOfPair.apply(asset + "USDC");
            if (price != null) {
                fee = fee.add(commission.getValue().multiply(price));
            }
        }
        return new OrderFill(exchangeOrderId, status, quantity, quoteAmount, price, Money.round(fee), commissions, simulated);
    }
}
