package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.config.RiskSettings;
import com.calvalot.exchange.OrderRules;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;

/**
 * Les limites appliquées au plan, avant qu'il soit écrit : une paire de EXCLUDE_COINS n'a jamais
 * d'ordre (ni achat, ni vente de ce qui est détenu), un achat au-dessus de MAX_ORDER_USDC est coupé
 * à ce plafond. Une vente n'est jamais coupée : le plafond borne l'exposition, et une sortie coupée
 * laisserait une poussière invendable. Chaque ordre touché garde ce que la limite lui a fait comme raison.
 */
public class RiskLimits {

    private final RiskSettings settings;

    public RiskLimits(RiskSettings settings) {
        this.settings = settings;
    }

    /** Vrai si la paire est dans EXCLUDE_COINS : jamais tradée. */
    boolean excludes(String pair) {
        return settings.excluded(pair);
    }

    List<PlannedOrder> apply(List<PlannedOrder> plan, PortfolioValue value, OrderRules rules) {
        List<PlannedOrder> limited = new ArrayList<>(plan.size());
        for (PlannedOrder order : plan) {
            limited.add(limit(order, value, rules));
        }
        return limited;
    }

    private PlannedOrder limit(PlannedOrder order, PortfolioValue value, OrderRules rules) {
        String label = order.pair() + " " + order.side();
        if (settings.excluded(order.pair())) {
            String reason = label + " skipped: " + order.pair() + " is in EXCLUDE_COINS, never traded";
            return PlannedOrder.skipped(order.pair(), order.side(), reason).limitedBy(reason);
        }
        BigDecimal cap = settings.maxOrderUsdc();
        if (cap == null || order.isSkipped() || order.side() == Side.SELL || order.quoteAmount().compareTo(cap) <= 0) {
            return order;
        }
        String cut = label + " cut from " + Money.plain(order.quoteAmount()) + " to " + Money.plain(cap)
                + " USDC by MAX_ORDER_USDC";
        PlannedOrder resized = OrderSizing.buy(order.pair(), Money.down(cap), value.market().price(order.pair()), rules);
        return resized.limitedBy(resized.isSkipped() ? cut + " (" + resized.skipReason() + ")" : cut);
    }
}
