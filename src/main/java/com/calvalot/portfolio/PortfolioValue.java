package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.Map;

import com.calvalot.market.MarketSnapshot;

/**
 * La valeur du portefeuille à un instant : liquidités, quantités détenues par paire, et les
 * totaux aux prix de {@code market}. {@code reliable} est faux quand les prix sont périmés ou
 * (en live) quand les soldes n'ont pas pu être lus : une telle valeur ne tue jamais l'agent.
 */
public record PortfolioValue(
        BigDecimal cashUsdt,
        Map<String, BigDecimal> quantities,
        BigDecimal positionsUsdt,
        BigDecimal totalUsdt,
        BigDecimal totalEur,
        MarketSnapshot market,
        boolean reliable) {
}
