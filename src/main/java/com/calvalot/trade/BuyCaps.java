package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.exchange.Exchange;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;

/**
 * Les achats d'une vague plafonnés ENSEMBLE, avant l'envoi, à l'USDC que les ventes ont laissé :
 * dans l'ordre du leader, chacun prend ce qu'il demande tant qu'il en reste, le suivant le reste
 * (arrondi vers le bas aux filtres) ; leur somme ne dépasse jamais ce qui peut être dépensé. Un
 * achat devenu trop petit est écarté avec sa raison.
 */
final class BuyCaps {

    record Capped(List<OrderIntent> sending, List<OrderResult> skipped) {
    }

    private BuyCaps() {
    }

    static Capped cap(List<OrderIntent> buys, BigDecimal cash, Exchange exchange, MarketSnapshot market) {
        BigDecimal left = cash.max(BigDecimal.ZERO);
        List<OrderIntent> sending = new ArrayList<>();
        List<OrderResult> skipped = new ArrayList<>();
        for (OrderIntent buy : buys) {
            BigDecimal spendable = exchange.spendable(left);
            if (spendable.compareTo(buy.quoteAmount()) >= 0) {
                sending.add(buy.sized(buy.quoteAmount(), null));
                left = left.subtract(exchange.cost(buy.quoteAmount()));
                continue;
            }
            PlannedOrder capped = OrderSizing.buy(buy.pair(), Money.down(spendable), market.price(buy.pair()), exchange.rules());
            if (capped.isSkipped()) {
                skipped.add(OrderResult.closed(buy, OrderIntent.SKIPPED, buy.pair() + " BUY unaffordable: "
                        + Money.plain(Money.down(left)) + " USDC of cash left (" + capped.skipReason() + ")"));
            } else {
                sending.add(buy.sized(capped.quoteAmount(), null));
                left = left.subtract(exchange.cost(capped.quoteAmount())).max(BigDecimal.ZERO);
            }
        }
        return new Capped(sending, skipped);
    }
}
