package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.calvalot.money.Money;

/**
 * La simulation (trading-rules.md, « Dry-run fills ») : prix courant décalé contre nous de
 * 0,02 % (BTC, ETH) ou 0,05 % (autres), frais 0,1 % du montant en USDC, quantité = montant / prix
 * d'exécution, sans arrondi au pas de la bourse.
 */
public class DryRunExchange implements Exchange {

    static final BigDecimal FEE_RATE = new BigDecimal("0.001");
    private static final BigDecimal MAJOR_SLIPPAGE = new BigDecimal("0.0002");
    private static final BigDecimal OTHER_SLIPPAGE = new BigDecimal("0.0005");
    private static final Set<String> MAJORS = Set.of("BTCUSDC", "ETHUSDC");

    @Override
    public OrderFill place(OrderRequest order) {
        BigDecimal slippage = MAJORS.contains(order.pair()) ? MAJOR_SLIPPAGE : OTHER_SLIPPAGE;
        String id = "dry-" + order.clientOrderId();
        if (order.side() == Side.BUY) {
            BigDecimal fillPrice = Money.round(order.referencePrice().multiply(BigDecimal.ONE.add(slippage)));
            BigDecimal quote = order.quoteAmount();
            BigDecimal quantity = Money.down(Money.ratio(quote, fillPrice));
            return new OrderFill(id, "FILLED", quantity, quote, fillPrice, fee(quote), Map.of("USDC", fee(quote)), true);
        }
        BigDecimal fillPrice = Money.round(order.referencePrice().multiply(BigDecimal.ONE.subtract(slippage)));
        BigDecimal proceeds = Money.down(order.quantity().multiply(fillPrice));
        return new OrderFill(id, "FILLED", order.quantity(), proceeds, fillPrice, fee(proceeds), Map.of("USDC", fee(proceeds)),
                true);
    }

    /** Une exécution simulée est locale et validée avec son intention : rien à retrouver. */
    @Override
    public Optional<OrderFill> find(OrderRequest order) {
        return Optional.empty();
    }

    /** Le montant dont les frais tiennent encore dans les liquidités. */
    @Override
    public BigDecimal spendable(BigDecimal cash) {
        return Money.down(Money.ratio(cash, BigDecimal.ONE.add(FEE_RATE)));
    }

    @Override
    public BigDecimal cost(BigDecimal quoteAmount) {
        return quoteAmount.add(fee(quoteAmount));
    }

    @Override
    public OrderRules rules() {
        return OrderRules.NONE;
    }

    private static BigDecimal fee(BigDecimal quote) {
        return Money.round(quote.multiply(FEE_RATE));
    }
}
