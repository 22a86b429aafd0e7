package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.Map;

import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;

/**
 * Des exécutions calculées, sans bourse : au prix de référence décalé de {@code slippage} contre nous
 * (0,0002 = 0,02 %). Deux façons de payer la commission : en USDC en plus (la simulation du dry run),
 * ou prise sur ce qui est reçu, la quantité d'un achat arrondie au pas (comme Binance). Le dry run et le
 * conseiller de budget passent par ici : une seule façon de simuler un ordre.
 */
public final class SimulatedFills {

    private SimulatedFills() {
    }

    public static OrderFill fill(OrderRequest order, BigDecimal slippage, Commission commission, SymbolFilters filters,
                                 String exchangeOrderId) {
        BigDecimal move = order.side() == Side.BUY ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage);
        BigDecimal price = Money.round(order.referencePrice().multiply(move));
        return commission.onTop() ? feeOnTop(order, price, commission, exchangeOrderId)
                : feeFromReceived(order, price, commission, filters, exchangeOrderId);
    }

    /** Quantité = montant / prix d'exécution, sans arrondi au pas ; la commission en USDC, en plus. */
    private static OrderFill feeOnTop(OrderRequest order, BigDecimal price, Commission commission, String id) {
        if (order.side() == Side.BUY) {
            BigDecimal quote = order.quoteAmount();
            BigDecimal fee = commission.fee(quote);
            return new OrderFill(id, "FILLED", Money.down(Money.ratio(quote, price)), quote, price, fee,
                    Map.of(TrackedPairs.QUOTE_ASSET, fee), true);
        }
        BigDecimal proceeds = Money.down(order.quantity().multiply(price));
        BigDecimal fee = commission.fee(proceeds);
        return new OrderFill(id, "FILLED", order.quantity(), proceeds, price, fee, Map.of(TrackedPairs.QUOTE_ASSET, fee), true);
    }

    /**
     * Un achat au montant achète la quantité que ce montant paie, au pas près, et la commission est prise sur
     * cette quantité ; une vente la prend sur l'USDC reçu.
     */
    private static OrderFill feeFromReceived(OrderRequest order, BigDecimal price, Commission commission,
                                             SymbolFilters filters, String id) {
        if (order.side() == Side.BUY) {
            BigDecimal bought = Money.down(Money.ratio(order.quoteAmount(), price));
            BigDecimal quantity = filters == null ? bought : Money.plain(Money.floorToStep(bought, filters.stepSize()));
            BigDecimal commissionInCoin = Money.round(quantity.multiply(commission.rate()));
            return new OrderFill(id, "FILLED", quantity.subtract(commissionInCoin), Money.round(quantity.multiply(price)), price,
                    Money.round(commissionInCoin.multiply(price)), Map.of(TrackedPairs.baseAsset(order.pair()), commissionInCoin),
                    true);
        }
        BigDecimal proceeds = Money.round(order.quantity().multiply(price));
        BigDecimal fee = commission.fee(proceeds);
        return new OrderFill(id, "FILLED", order.quantity(), proceeds, price, fee, Map.of(TrackedPairs.QUOTE_ASSET, fee), true);
    }
}
