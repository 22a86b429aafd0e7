package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.signal.TrackedPairs;

/**
 * LIVE_SIZING=wallet : le compte entier est au suiveur, sa valeur est celle du compte ; mais un actif dont
 * un écart est en cours (Earn, transfert, pas encore confirmé) reste possédé au chiffre du registre, jamais
 * moins que ce que le compte montre : ce qui est parti peut revenir. Rien de cela ne se dépense ni ne se
 * vend (le disponible reste celui du compte).
 */
public class WalletPortfolioValuation extends AccountDecorator {

    private final PendingDrifts drifts;

    public WalletPortfolioValuation(PortfolioValuation account, PendingDrifts drifts) {
        super(account);
        this.drifts = drifts;
    }

    @Override
    PortfolioValue shaped(PortfolioValue onAccount) {
        if (onAccount.cashUsdt() == null) {
            return onAccount;
        }
        Map<String, BigDecimal> ledger = drifts.ledgerFigures();
        if (ledger.isEmpty()) {
            return onAccount;
        }
        BigDecimal cash = onAccount.cashUsdt().max(ledger.getOrDefault(TrackedPairs.QUOTE_ASSET, BigDecimal.ZERO));
        Map<String, BigDecimal> held = new HashMap<>(onAccount.quantities());
        ledger.forEach((asset, figure) -> {
            if (TrackedPairs.isTracked(asset)) {
                held.merge(asset, figure, BigDecimal::max);
            }
        });
        return onAccount.owning(cash, held);
    }
}
