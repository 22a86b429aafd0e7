package com.calvalot.portfolio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;

/**
 * Une valorisation live construite sur celle du compte (les soldes lus, suivis entre deux lectures) : chaque
 * valeur du compte passe par {@link #shaped}, les mouvements d'ordres vont au compte tels quels.
 */
abstract class AccountDecorator implements PortfolioValuation {

    private final PortfolioValuation account;

    AccountDecorator(PortfolioValuation account) {
        this.account = account;
    }

    /** Ce que le suiveur tire de cette valeur du compte. */
    abstract PortfolioValue shaped(PortfolioValue onAccount);

    @Override
    public PortfolioValue current() {
        return shaped(account.current());
    }

    @Override
    public PortfolioValue valueAt(MarketSnapshot market) {
        return shaped(account.valueAt(market));
    }

    @Override
    public PortfolioValue readNow() {
        return shaped(account.readNow());
    }

    @Override
    public CompletableFuture<PortfolioValue> readLater(Executor calls) {
        return account.readLater(calls).thenApply(this::shaped);
    }

    @Override
    public void afterFill(String pair, Side side, OrderFill fill) {
        account.afterFill(pair, side, fill);
    }

    @Override
    public void ordersSent() {
        account.ordersSent();
    }

    @Override
    public void ordersAnswered() {
        account.ordersAnswered();
    }

    @Override
    public void forgetBalances() {
        account.forgetBalances();
    }
}
