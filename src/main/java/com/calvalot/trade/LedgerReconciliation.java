package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.SqlTransaction;
import com.calvalot.money.Money;
import com.calvalot.portfolio.BudgetPortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.TrackedPairs;
import com.calvalot.time.Timestamps;

/**
 * Live : avant chaque signal, les positions locales sont ramenées aux soldes libres de la bourse
 * (la bourse a raison) et chaque écart est écrit dans position_drift. En dry run, le registre est
 * la vérité : rien à faire. Avec LIVE_SIZING=budget, le registre n'adopte jamais ce que
 * l'utilisateur détient à côté : seul un compte qui détient MOINS que le registre est un écart
 * (l'utilisateur a déplacé des fonds), et le suiveur se dimensionne alors sur le plus petit.
 */
public class LedgerReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final TradeLedger ledger;
    private final Clock clock;
    private final boolean live;
    private final BudgetPortfolioValuation budget;

    public LedgerReconciliation(TradeLedger ledger, Clock clock, boolean live) {
        this(ledger, clock, live, null);
    }

    /** {@code budget} non null : LIVE_SIZING=budget, {@code value} est déjà plafonnée au compte. */
    public LedgerReconciliation(TradeLedger ledger, Clock clock, boolean live, BudgetPortfolioValuation budget) {
        this.ledger = ledger;
        this.clock = clock;
        this.live = live;
        this.budget = budget;
    }

    /** {@code value} vient d'une lecture réussie des soldes (sinon on ne recale rien). */
    public void reconcile(PortfolioValue value) {
        if (!live || !value.reliable()) {
            return;
        }
        // lu avant la transaction : le registre se calcule par d'autres lectures
        BigDecimal ownCash = budget == null ? null : budget.ledgerCash();
        ledger.sql().inTransaction(tx -> {
            for (String pair : TrackedPairs.ALL) {
                BigDecimal onExchange = value.quantities().getOrDefault(pair, BigDecimal.ZERO);
                PositionBook local = TradeLedger.position(tx, pair);
                if (local.quantity().compareTo(onExchange) == 0) {
                    continue;
                }
                if (budget != null && local.quantity().compareTo(onExchange) < 0) {
                    continue;
                }
                PositionBook corrected = local.quantity().signum() > 0 ? local.withQuantity(onExchange)
                        : new PositionBook(onExchange, Money.round(onExchange.multiply(value.market().price(pair))),
                                value.market().price(pair));
                drift(tx, pair, local.quantity(), onExchange);
                ledger.writePosition(tx, pair, corrected);
            }
            if (budget != null) {
                cashDrift(tx, ownCash, value.cashUsdt());
            }
        });
    }

    /** L'USDC du registre n'est pas corrigé (il se calcule) : l'écart est écrit une fois par valeur constatée. */
    private void cashDrift(SqlTransaction tx, BigDecimal own, BigDecimal onExchange) {
        if (own == null || onExchange == null || onExchange.compareTo(own) >= 0) {
            return;
        }
        String last = tx.one("SELECT ledger_quantity || ' ' || exchange_quantity FROM position_drift WHERE coin = ? "
                + "ORDER BY id DESC LIMIT 1", rs -> rs.getString(1), TrackedPairs.QUOTE_ASSET);
        if (!(Money.toDb(own) + " " + Money.toDb(onExchange)).equals(last)) {
            drift(tx, TrackedPairs.QUOTE_ASSET, own, onExchange);
        }
    }

    private void drift(SqlTransaction tx, String coin, BigDecimal ledgerQuantity, BigDecimal onExchange) {
        tx.update("INSERT INTO position_drift (coin, ledger_quantity, exchange_quantity, created_at) VALUES (?, ?, ?, ?)",
                coin, Money.toDb(ledgerQuantity), Money.toDb(onExchange), Timestamps.now(clock));
        LOG.warn("Position drift on {}: ledger {} but the exchange holds {}; {}", coin, Money.plain(ledgerQuantity),
                Money.plain(onExchange), budget == null ? "ledger corrected" : "sized on the smaller");
    }
}
