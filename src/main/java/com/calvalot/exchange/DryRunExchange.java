package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * La simulation (trading-rules.md, « Dry-run fills ») : prix courant décalé contre nous de
 * 0,02 % (BTC, ETH) ou 0,05 % (autres), frais 0,1 % du montant en USDC, quantité = montant / prix
 * d'exécution, sans arrondi au pas de la bourse.
 */
public class DryRunExchange implements Exchange {

    static final BigDecimal FEE_RATE = new BigDecimal("0.001");
    /** Les frais de la simulation : 0,1 % en USDC, en plus du montant. */
    public static final Commission COMMISSION = new Commission(FEE_RATE, true);
    private static final BigDecimal MAJOR_SLIPPAGE = new BigDecimal("0.0002");
    private static final BigDecimal OTHER_SLIPPAGE = new BigDecimal("0.0005");
    private static final Set<String> MAJORS = Set.of("BTCUSDC", "ETHUSDC");

    @Override
    public OrderFill place(OrderRequest order) {
        BigDecimal slippage = MAJORS.contains(order.pair()) ? MAJOR_SLIPPAGE : OTHER_SLIPPAGE;
        return SimulatedFills.fill(order, slippage, COMMISSION, null, "dry-" + order.clientOrderId());
    }

    /** Une exécution simulée est locale et validée avec son intention : rien à retrouver. */
    @Override
    public Optional<OrderFill> find(OrderRequest order) {
        return Optional.empty();
    }

    /** Le montant dont les frais tiennent encore dans les liquidités. */
    @Override
    public BigDecimal spendable(BigDecimal cash) {
        return COMMISSION.spendable(cash);
    }

    @Override
    public BigDecimal cost(BigDecimal quoteAmount) {
        return COMMISSION.cost(quoteAmount);
    }

    @Override
    public OrderRules rules() {
        return OrderRules.NONE;
    }

    @Override
    public Commission commission() {
        return COMMISSION;
    }
}
