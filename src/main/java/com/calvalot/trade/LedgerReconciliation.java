package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.TrackedPairs;
import com.calvalot.time.Timestamps;

/**
 * Live : avant chaque signal, les positions locales sont ramenées aux soldes libres de la bourse
 * (la bourse a raison) et chaque écart est écrit dans position_drift. En dry run, le registre est
 * la vérité : rien à faire.
 */
public class LedgerReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final TradeLedger ledger;
    private final Clock clock;
    private final boolean live;

    public LedgerReconciliation(TradeLedger ledger, Clock clock, boolean live) {
        this.ledger = ledger;
        this.clock = clock;
        this.live = live;
    }

    /** {@code value} vient d'une lecture réussie des soldes (sinon on ne recale rien). */
    public void reconcile(PortfolioValue value) {
        if (!live || !value.reliable()) {
            return;
        }
        ledger.sql().inTransaction(tx -> {
            for (String pair : TrackedPairs.ALL) {
                BigDecimal onExchange = value.quantities().getOrDefault(pair, BigDecimal.ZERO);
                PositionBook local = TradeLedger.position(tx, pair);
                if (local.quantity().compareTo(onExchange) == 0) {
                    continue;
                }
                PositionBook corrected = local.quantity().signum() > 0 ? local.withQuantity(onExchange)
                        : new PositionBook(onExchange, Money.round(onExchange.multiply(value.market().price(pair))),
                                value.market().price(pair));
                tx.update("INSERT INTO position_drift (coin, ledger_quantity, exchange_quantity, created_at) VALUES (?, ?, ?, ?)",
                        pair, Money.toDb(local.quantity()), Money.toDb(onExchange), Timestamps.now(clock));
                ledger.writePosition(tx, pair, corrected);
                LOG.warn("Position drift on {}: ledger {} but the exchange holds {}; ledger corrected", pair,
                        Money.plain(local.quantity()), Money.plain(onExchange));
            }
        });
    }
}
