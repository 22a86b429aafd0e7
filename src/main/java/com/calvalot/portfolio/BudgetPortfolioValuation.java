package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;

/**
 * LIVE_SIZING=budget : la valeur du suiveur lui-même dans un portefeuille Spot partagé, tirée de
 * son registre comme en dry run (dépôts, ses trades, frais, retraits), chaque chiffre plafonné à
 * ce que le compte détient vraiment. Les pièces et l'USDC que l'utilisateur garde à côté n'y
 * entrent jamais : le suiveur ne vend jamais plus d'une pièce qu'il n'en a achetée.
 */
public class BudgetPortfolioValuation implements PortfolioValuation {

    private final PortfolioValuation account;
    private final LedgerPortfolioValuation ledger;
    private final MarketData marketData;
    private long tradesSeen = -1;

    public BudgetPortfolioValuation(PortfolioValuation account, LedgerPortfolioValuation ledger, MarketData marketData) {
        this.account = account;
        this.ledger = ledger;
        this.marketData = marketData;
    }

    /**
     * Les soldes gardés en cache, sauf si un trade a été écrit depuis leur lecture : le registre
     * compterait déjà l'achat que les soldes d'avant ne montrent pas encore (une fausse chute).
     */
    @Override
    public synchronized PortfolioValue current() {
        return ledger.lastTradeId() == tradesSeen ? capped(account.current()) : valueAt(marketData.latest());
    }

    @Override
    public synchronized PortfolioValue valueAt(MarketSnapshot market) {
        tradesSeen = ledger.lastTradeId();
        return capped(account.valueAt(market));
    }

    /** Les liquidités du registre seul (avant plafond) : la réconciliation les compare au compte. */
    public BigDecimal ledgerCash() {
        return ledger.cash();
    }

    private PortfolioValue capped(PortfolioValue onAccount) {
        PortfolioValue own = ledger.valueAt(onAccount.market());
        BigDecimal cash = own.cashUsdt() == null || onAccount.cashUsdt() == null ? null
                : own.cashUsdt().min(onAccount.cashUsdt());
        Map<String, BigDecimal> quantities = new HashMap<>();
        own.quantities().forEach((pair, quantity) -> {
            BigDecimal held = quantity.min(onAccount.quantities().getOrDefault(pair, BigDecimal.ZERO));
            if (held.signum() > 0) {
                quantities.put(pair, held);
            }
        });
        return PortfolioValue.of(cash, quantities, onAccount.market(), onAccount.reliable());
    }
}
