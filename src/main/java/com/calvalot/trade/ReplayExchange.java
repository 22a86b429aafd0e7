package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.Optional;

import com.calvalot.exchange.Commission;
import com.calvalot.exchange.Exchange;
import com.calvalot.exchange.FiltersInForce;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.OrderRequest;
import com.calvalot.exchange.OrderRules;
import com.calvalot.exchange.SimulatedFills;

/**
 * La bourse du conseiller de budget : aucune requête, des exécutions calculées (SimulatedFills) aux prix
 * du signal décalés du glissement qu'a eu ce suiveur, avec la commission et les filtres gardés avec le
 * signal. Les plafonds des achats (BuyCaps) s'y appliquent comme sur la vraie bourse.
 */
final class ReplayExchange implements Exchange {

    private final ReplayHistory history;
    private final ReplayHistory.Step step;
    private final OrderRules rules;

    ReplayExchange(ReplayHistory history, ReplayHistory.Step step) {
        this.history = history;
        this.step = step;
        FiltersInForce recorded = step.sizing().rules();
        this.rules = recorded == null ? OrderRules.NONE : recorded;
    }

    @Override
    public OrderFill place(OrderRequest order) {
        FiltersInForce recorded = step.sizing().rules();
        return SimulatedFills.fill(order, history.slippage(step.signalId(), order.pair(), order.side()), commission(),
                recorded == null ? null : recorded.filters().get(order.pair()), "replay");
    }

    @Override
    public Optional<OrderFill> find(OrderRequest order) {
        return Optional.empty();
    }

    @Override
    public BigDecimal spendable(BigDecimal cash) {
        return commission().spendable(cash);
    }

    @Override
    public BigDecimal cost(BigDecimal quoteAmount) {
        return commission().cost(quoteAmount);
    }

    @Override
    public OrderRules rules() {
        return rules;
    }

    @Override
    public Commission commission() {
        return step.sizing().commission();
    }
}
