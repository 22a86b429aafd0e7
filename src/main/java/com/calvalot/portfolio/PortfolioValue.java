package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.Map;

import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;

/**
 * La valeur du portefeuille à un instant : liquidités, quantités détenues par paire, et les
 * totaux aux prix de {@code market}. Les totaux sont null quand ils ne peuvent pas être calculés
 * (aucun prix jamais lu, liquidités inconnues). {@code reliable} est faux quand les prix sont
 * périmés ou (en live) quand les soldes n'ont pas pu être lus : une telle valeur ne tue jamais l'agent.
 */
public record PortfolioValue(
        BigDecimal cashUsdt,
        Map<String, BigDecimal> quantities,
        BigDecimal positionsUsdt,
        BigDecimal totalUsdt,
        BigDecimal totalEur,
        MarketSnapshot market,
        boolean reliable) {

    /** Valorise {@code quantities} aux prix de {@code market} ; {@code balancesRead} faux en live si les soldes manquent. */
    public static PortfolioValue of(BigDecimal cashUsdt, Map<String, BigDecimal> quantities, MarketSnapshot market,
                                    boolean balancesRead) {
        BigDecimal positions = market.known() ? BigDecimal.ZERO : null;
        for (var held : quantities.entrySet()) {
            BigDecimal price = market.price(held.getKey());
            positions = positions == null || price == null ? null : positions.add(held.getValue().multiply(price));
        }
        BigDecimal total = positions == null || cashUsdt == null ? null : Money.round(cashUsdt.add(positions));
        BigDecimal totalEur = total == null ? null : Money.usdcToEur(total, market.eurUsdc());
        boolean reliable = balancesRead && market.fresh() && total != null;
        return new PortfolioValue(cashUsdt, Map.copyOf(quantities), positions == null ? null : Money.round(positions),
                total, totalEur, market, reliable);
    }

    /** La part d'une paire dans le total (0 si rien n'est détenu ou si le total est nul). */
    public BigDecimal share(String pair) {
        BigDecimal quantity = quantities.get(pair);
        BigDecimal price = market.price(pair);
        if (quantity == null || price == null || totalUsdt == null) {
            return BigDecimal.ZERO;
        }
        return Money.ratio(quantity.multiply(price), totalUsdt);
    }
}
