package com.calvalot.trade;

import java.math.BigDecimal;

import com.calvalot.exchange.OrderRules;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;

/**
 * Les minimums d'un ordre : MIN_ORDER_USDC d'abord, puis les filtres de la bourse (arrondi vers
 * le bas, refus). Un ordre refusé devient un ordre écarté avec sa raison.
 */
final class OrderSizing {

    private OrderSizing() {
    }

    static PlannedOrder buy(String pair, BigDecimal quote, BigDecimal price, OrderRules rules) {
        if (quote.compareTo(Money.MIN_ORDER_USDC) < 0) {
            return PlannedOrder.skipped(pair, Side.BUY, pair + " BUY of " + Money.plain(quote) + " USDC under the "
                    + Money.MIN_ORDER_USDC + " USDC minimum");
        }
        OrderRules.Sized sized = rules.buy(pair, quote, price);
        return sized.refused() ? PlannedOrder.skipped(pair, Side.BUY, sized.refusal()) : PlannedOrder.buy(pair, sized.value());
    }

    static PlannedOrder sell(String pair, BigDecimal quantity, BigDecimal price, OrderRules rules) {
        BigDecimal worth = Money.down(quantity.multiply(price));
        if (worth.compareTo(Money.MIN_ORDER_USDC) < 0) {
            return PlannedOrder.skipped(pair, Side.SELL, pair + " SELL of " + Money.plain(worth) + " USDC under the "
                    + Money.MIN_ORDER_USDC + " USDC minimum");
        }
        OrderRules.Sized sized = rules.sell(pair, quantity, price);
        return sized.refused() ? PlannedOrder.skipped(pair, Side.SELL, sized.refusal())
                : PlannedOrder.sell(pair, Money.plain(sized.value()));
    }
}
