package com.calvalot.trade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.exchange.OrderRules;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.TrackedPairs;

/**
 * Live, avec l'option Binance « payer les frais en BNB » : chaque ordre d'une vague prend sa
 * commission (0,075 % de son montant) sur le solde BNB, au moment où il s'exécute. Une vente de BNB
 * partie avec d'autres ventes, dimensionnée sur tout le BNB libre, trouverait ce solde déjà entamé et
 * serait refusée (-2010). Elle laisse donc de côté, par prudence, de quoi payer les commissions des
 * autres ventes de sa vague (une marge de 50 %) : quelques centimes de BNB qui restent, jamais un refus.
 */
final class BnbFeeReserve {

    static final String PAIR = TrackedPairs.BNB_PAIR;
    private static final BigDecimal BNB_COMMISSION = new BigDecimal("0.00075");
    private static final BigDecimal MARGIN = new BigDecimal("1.5");

    private BnbFeeReserve() {
    }

    static List<PlannedOrder> keepBack(List<PlannedOrder> plan, PortfolioValue value, OrderRules rules) {
        PlannedOrder bnbSell = plan.stream().filter(o -> !o.isSkipped() && o.side() == Side.SELL && o.pair().equals(PAIR))
                .findFirst().orElse(null);
        BigDecimal bnbPrice = value.market().price(PAIR);
        if (bnbSell == null || bnbPrice == null || bnbPrice.signum() <= 0) {
            return plan;
        }
        BigDecimal othersNotional = BigDecimal.ZERO;
        for (PlannedOrder order : plan) {
            if (!order.isSkipped() && order.side() == Side.SELL && !order.pair().equals(PAIR)) {
                othersNotional = othersNotional.add(order.quantity().multiply(value.market().price(order.pair())));
            }
        }
        BigDecimal reserve = othersNotional.multiply(BNB_COMMISSION).multiply(MARGIN).divide(bnbPrice, 8, RoundingMode.UP);
        BigDecimal free = value.sellable(PAIR);
        if (reserve.signum() == 0 || bnbSell.quantity().add(reserve).compareTo(free) <= 0) {
            return plan;
        }
        String kept = PAIR + " SELL: " + Money.plain(reserve) + " BNB kept back for the BNB commissions of the other "
                + "sells sent with it";
        PlannedOrder smaller = OrderSizing.sell(PAIR, free.subtract(reserve).max(BigDecimal.ZERO), bnbPrice, rules);
        PlannedOrder replaced = smaller.isSkipped() ? PlannedOrder.skipped(PAIR, Side.SELL, kept + "; " + smaller.skipReason())
                : smaller.limitedBy(bnbSell.limitReason() == null ? kept : bnbSell.limitReason() + "; " + kept);
        List<PlannedOrder> adjusted = new ArrayList<>(plan);
        adjusted.set(plan.indexOf(bnbSell), replaced);
        return adjusted;
    }
}
