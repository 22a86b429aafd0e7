package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.calvalot.signal.TrackedPairs;

/**
 * LIVE_SIZING=budget : la valeur du suiveur lui-même dans un portefeuille Spot partagé, tirée de
 * son registre comme en dry run (dépôts, ses trades, frais, retraits), chaque chiffre plafonné à
 * ce que le compte détient vraiment. Les pièces et l'USDC que l'utilisateur garde à côté n'y
 * entrent jamais : le suiveur ne vend jamais plus d'une pièce qu'il n'en a achetée, ni plus que le
 * libre du compte.
 */
public class BudgetPortfolioValuation extends AccountDecorator {

    private final LedgerPortfolioValuation ledger;
    private final PendingDrifts drifts;

    /** {@code account} : les soldes du compte tels que les exécutions les ont laissés (afterFill), qui plafonnent le registre. */
    public BudgetPortfolioValuation(PortfolioValuation account, LedgerPortfolioValuation ledger, PendingDrifts drifts) {
        super(account);
        this.ledger = ledger;
        this.drifts = drifts;
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
    @Override
    PortfolioValue shaped(PortfolioValue onAccount) {
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
