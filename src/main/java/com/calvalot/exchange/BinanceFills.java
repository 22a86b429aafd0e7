package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lit ce que Binance a exécuté : la réponse FULL d'un ordre (avec {@code fills}) ou une commande
 * relue (GET /api/v3/order) et ses transactions (/api/v3/myTrades). Un achat paie sa commission
 * sur l'actif acheté : la quantité créditée en est nette.
 */
final class BinanceFills {

    private BinanceFills() {
    }

    /** {@code order} porte executedQty et cummulativeQuoteQty ; {@code trades} les commissions (fills ou myTrades). */
    static OrderFill read(String pair, Side side, JsonNode order, JsonNode trades) {
        BigDecimal executed = decimal(order, "executedQty");
        BigDecimal quote = decimal(order, "cummulativeQuoteQty");
        BigDecimal price = executed.signum() == 0 ? BigDecimal.ZERO : Money.round(Money.ratio(quote, executed));
        String base = TrackedPairs.baseAsset(pair);
        BigDecimal baseCommission = BigDecimal.ZERO;
        BigDecimal feeUsdc = BigDecimal.ZERO;
        Map<String, BigDecimal> commissions = new HashMap<>();
        for (JsonNode trade : trades) {
            BigDecimal commission = decimal(trade, "commission");
            String asset = trade.path("commissionAsset").asText();
            if (commission.signum() != 0 && !asset.isEmpty()) {
                commissions.merge(asset, commission, BigDecimal::add);
            }
            if (asset.equals(base)) {
                baseCommission = baseCommission.add(commission);
                feeUsdc = feeUsdc.add(commission.multiply(price));
            } else if (asset.equals(TrackedPairs.QUOTE_ASSET)) {
                feeUsdc = feeUsdc.add(commission);
            }
            // payée en BNB (remise) : valorisée au prix BNBUSDC du signal par OrderFill.valuedAt
        }
        commissions.replaceAll((asset, amount) -> Money.plain(amount));
        BigDecimal credited = side == Side.BUY ? executed.subtract(baseCommission) : executed;
        return new OrderFill(order.path("orderId").asText(), order.path("status").asText(), Money.plain(credited),
                Money.plain(quote), price, Money.round(feeUsdc), Map.copyOf(commissions), false);
    }

    /** Un ordre au marché terminé : plus rien ne s'exécutera. */
    static boolean done(JsonNode order) {
        String status = order.path("status").asText();
        return !status.equals("NEW") && !status.equals("PARTIALLY_FILLED") && !status.equals("PENDING_NEW");
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String text = node.path(field).asText("0");
        return new BigDecimal(text.isEmpty() ? "0" : text);
    }
}
