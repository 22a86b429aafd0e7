package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.signal.TrackedPairs;

/**
 * LIVE_SIZING=budget : la valeur du suiveur lui-même dans un portefeuille Spot partagé, tirée de
 * son registre comme en dry run (dépôts, ses trades, frais, retraits), chaque chiffre plafonné à
 * ce que le compte détient vraiment. Les pièces et l'USDC que l'utilisateur garde à côté n'y
 * entrent jamais : le suiveur ne vend jamais plus d'une pièce qu'il n'en a achetée, ni plus que le
 * libre du compte.
 */
public class BudgetPortfolioValuation implements PortfolioValuation {

    private final PortfolioValuation account;
    private final LedgerPortfolioValuation ledger;
    private final PendingDrifts drifts;

    public BudgetPortfolioValuation(PortfolioValuation account, LedgerPortfolioValuation ledger, PendingDrifts drifts) {
        this.account = account;
        this.ledger = ledger;
        this.drifts = drifts;
    }

    /** Les soldes du compte tels que les exécutions les ont laissés (afterFill), plafonnant le registre. */
    @Override
    public PortfolioValue current() {
        return capped(account.current());
    }

    @Override
    public PortfolioValue valueAt(MarketSnapshot market) {
        return capped(account.valueAt(market));
    }

    @Override
    public PortfolioValue readNow() {
        return capped(account.readNow());
    }

    @Override
    public CompletableFuture<PortfolioValue> readLater(Executor calls) {
        return account.readLater(calls).thenApply(this::capped);
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

    /** Les liquidités du registre seul (avant plafond) : la réconciliation les compare au compte. */
    public BigDecimal ledgerCash() {
        return ledger.cash();
    }

    /**
     * Chaque chiffre du registre plafonné au compte : l'USDC possédé au libre + bloqué, le dépensable au
     * libre, une pièce à ce que le compte détient (libre + bloqué), sa part vendable au libre. Un actif dont
     * un écart est en cours (Earn, transfert, pas encore confirmé) reste possédé au chiffre du registre :
     * ce qui est parti peut revenir, ce n'est pas une perte. Les soldes lus restent joints tels quels (la
     * réconciliation les compare au registre).
     */
    private PortfolioValue capped(PortfolioValue onAccount) {
        PortfolioValue own = ledger.valueAt(onAccount.market());
        Set<String> away = drifts.assets();
        // l'USDC d'un dépôt pas encore arrivé n'est pas possédé ; ce qu'un écart en cours a éloigné l'est
        BigDecimal cash = own.cashUsdt() == null || onAccount.cashUsdt() == null ? null
                : away.contains(TrackedPairs.QUOTE_ASSET) ? own.cashUsdt().subtract(drifts.cashInTransit()).max(BigDecimal.ZERO)
                : own.cashUsdt().min(onAccount.cashUsdt());
        BigDecimal spendable = own.cashUsdt() == null || onAccount.spendableUsdt() == null ? null
                : own.cashUsdt().min(onAccount.spendableUsdt());
        Map<String, BigDecimal> quantities = new HashMap<>();
        Map<String, BigDecimal> sellable = new HashMap<>();
        own.quantities().forEach((pair, quantity) -> {
            BigDecimal held = away.contains(pair) ? quantity
                    : quantity.min(onAccount.quantities().getOrDefault(pair, BigDecimal.ZERO));
            if (held.signum() > 0) {
                quantities.put(pair, held);
            }
            BigDecimal free = quantity.min(onAccount.sellable(pair));
            if (free.signum() > 0) {
                sellable.put(pair, free);
            }
        });
        return PortfolioValue.of(cash, spendable, quantities, sellable, onAccount.market(), onAccount.reliable(),
                onAccount.account(), onAccount.accountReadAt());
    }
}
