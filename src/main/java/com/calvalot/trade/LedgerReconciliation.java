package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.DrawdownGuard;
import com.calvalot.budget.MoneyFlows;
import com.calvalot.db.SqlTransaction;
import com.calvalot.exchange.BinanceAccount;
import com.calvalot.money.Money;
import com.calvalot.money.MoneyText;
import com.calvalot.portfolio.BudgetPortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.portfolio.WalletCash;
import com.calvalot.signal.TrackedPairs;
import com.calvalot.time.TimeText;
import com.calvalot.time.Timestamps;

/**
 * Live : le registre local recalé sur le compte, mais jamais sur une seule lecture. Le compte n'est
 * pas au suiveur seul : une pièce peut partir en Earn et revenir, être bloquée par un ordre de
 * l'utilisateur (comptée détenue : libre + bloqué), ou transférée. Un compte qui détient MOINS que le
 * registre est un écart ({@code balance_drift}) : suivi dans balance_drift_watch, montré et alerté
 * une fois ; le registre ne suit le compte qu'après {@link #FOLLOW_READINGS} lectures sur au moins
 * {@link #FOLLOW_AFTER} (écrit alors dans position_drift), et l'écart guérit s'il revient. Un compte
 * qui détient PLUS est adopté tout de suite (LIVE_SIZING=wallet) ou ignoré (budget : les pièces de
 * l'utilisateur). Rien n'est décidé sur un actif qu'un ordre non résolu a peut-être déjà fait bouger.
 * En dry run, le registre est la vérité : rien à faire.
 */
public class LedgerReconciliation {

    static final int FOLLOW_READINGS = 3;
    private static final BigDecimal DUST_FLOW_USDC = new BigDecimal("0.01");
    static final Duration FOLLOW_AFTER = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final TradeLedger ledger;
    private final Clock clock;
    private final boolean live;
    private final BudgetPortfolioValuation budget;
    private final TradingLock lock;

    public LedgerReconciliation(TradeLedger ledger, Clock clock, boolean live) {
        this(ledger, clock, live, null, new TradingLock());
    }

    /** {@code budget} non null : LIVE_SIZING=budget, {@code value} est déjà plafonnée au compte. */
    public LedgerReconciliation(TradeLedger ledger, Clock clock, boolean live, BudgetPortfolioValuation budget,
                                TradingLock lock) {
        this.ledger = ledger;
        this.clock = clock;
        this.live = live;
        this.budget = budget;
        this.lock = lock;
    }

    /** Au début d'un signal (sous le verrou du trading) : {@code value} vient d'une lecture réussie des soldes. */
    public void reconcile(PortfolioValue value) {
        reconcile(value, ledger.unresolved());
    }

    /** Idem, avec les ordres non résolus déjà lus (le début d'un signal les lit une fois pour la réserve aussi). */
    void reconcile(PortfolioValue value, List<OrderIntent> unresolved) {
        BinanceAccount.Balances account = value.account();
        if (!live || !value.reliable() || account == null || value.accountReadAt() == null) {
            return;
        }
        // lu avant la transaction : le registre se calcule par d'autres lectures
        BigDecimal ownCash = budget == null ? null : budget.ledgerCash();
        Set<String> moving = unresolvedAssets(unresolved);
        // à la seconde, comme en base : une même lecture n'est jamais comptée deux fois
        Instant readAt = value.accountReadAt().truncatedTo(ChronoUnit.SECONDS);
        ledger.sql().inTransaction(tx -> {
            // wallet : avant l'ancrage de l'USDC attendu (la toute première lecture), ce que le compte détient
            // est le point de départ, pas un flux
            boolean anchored = budget == null && WalletCash.usdc(tx) != null;
            if (budget == null && !moving.contains(TrackedPairs.BNB_PAIR)) {
                // wallet : rien ne bouge sur le BNB, le compte a déjà ôté les commissions dues
                TradeLedger.forgetOwedCommission(tx);
            }
            for (String pair : TrackedPairs.ALL) {
                if (moving.contains(pair)) {
                    continue;
                }
                BigDecimal onExchange = account.quantities().getOrDefault(pair, BigDecimal.ZERO);
                PositionBook local = TradeLedger.position(tx, pair);
                int compared = local.quantity().compareTo(onExchange);
                if (compared > 0) {
                    shortfall(tx, pair, local.quantity(), onExchange, readAt, () -> {
                        flow(tx, pair, local.quantity().subtract(onExchange), value, false);
                        follow(tx, pair, local, onExchange, value);
                    });
                    continue;
                }
                healed(tx, pair);
                if (compared < 0 && budget == null) {
                    // LIVE_SIZING=wallet : tout le compte est au suiveur, ce qui est en plus est adopté (un dépôt)
                    drift(tx, pair, local.quantity(), onExchange, "ledger corrected");
                    if (anchored) {
                        flow(tx, pair, onExchange.subtract(local.quantity()), value, true);
                    }
                    follow(tx, pair, local, onExchange, value);
                }
            }
            if (budget != null && ownCash != null && moving.isEmpty()) {
                BigDecimal onExchange = account.cashHeld();
                if (onExchange.compareTo(ownCash) < 0) {
                    // confirmé : un retrait, que les liquidités du registre (budget) retranchent
                    shortfall(tx, TrackedPairs.QUOTE_ASSET, ownCash, onExchange, readAt, () -> {
                        drift(tx, TrackedPairs.QUOTE_ASSET, ownCash, onExchange, "recorded as moved away");
                        flow(tx, TrackedPairs.QUOTE_ASSET, ownCash.subtract(onExchange), value, false);
                    });
                } else {
                    healed(tx, TrackedPairs.QUOTE_ASSET);
                }
            }
            if (budget == null && !moving.contains(TrackedPairs.QUOTE_ASSET)) {
                walletCash(tx, account.cashHeld(), readAt, value);
            }
        });
    }

    /**
     * LIVE_SIZING=wallet : l'USDC du compte (libre + bloqué) contre celui que le registre attend. Moins : un
     * écart, suivi comme une pièce, confirmé en retrait ; plus : adopté à l'instant, un dépôt. La première
     * lecture ancre le chiffre attendu.
     */
    private void walletCash(SqlTransaction tx, BigDecimal onExchange, Instant readAt, PortfolioValue value) {
        BigDecimal expected = WalletCash.usdc(tx);
        String at = Timestamps.format(readAt);
        if (expected == null) {
            WalletCash.anchor(tx, onExchange, at);
            return;
        }
        String usdc = TrackedPairs.QUOTE_ASSET;
        if (onExchange.compareTo(expected) < 0) {
            shortfall(tx, usdc, expected, onExchange, readAt, () -> {
                drift(tx, usdc, expected, onExchange, "recorded as moved away");
                flow(tx, usdc, expected.subtract(onExchange), value, false);
                WalletCash.set(tx, onExchange, at);
            });
            return;
        }
        healed(tx, usdc);
        if (onExchange.compareTo(expected) > 0) {
            flow(tx, usdc, onExchange.subtract(expected), value, true);
            WalletCash.set(tx, onExchange, at);
        }
    }

    /**
     * De l'argent entré ({@code in} : adopté) ou sorti (un écart confirmé) sans ordre du suiveur : un flux au
     * cours du moment (MoneyFlows), jamais un gain ni une perte. Une poussière de moins d'un centime n'en fait pas.
     */
    private void flow(SqlTransaction tx, String asset, BigDecimal quantity, PortfolioValue value, boolean in) {
        BigDecimal price = asset.equals(TrackedPairs.QUOTE_ASSET) ? BigDecimal.ONE : value.market().price(asset);
        BigDecimal usdc = price == null ? null : quantity.multiply(price);
        if (usdc == null || usdc.compareTo(DUST_FLOW_USDC) < 0 || value.market().eurUsdc() == null) {
            return;
        }
        String at = Timestamps.now(clock);
        if (in) {
            MoneyFlows.adopted(tx, asset, quantity, usdc, value.market().eurUsdc(), at);
        } else {
            MoneyFlows.movedAway(tx, asset, quantity, usdc, value.market().eurUsdc(), at);
        }
    }

    /**
     * À chaque instantané (tick du poll) : une lecture de plus pour les écarts, si aucun signal n'est
     * en train de trader (le registre n'a alors pas encore écrit les exécutions que le compte montre),
     * et si aucun n'a tradé depuis la lecture : une reprise qui vend entre la lecture et ce pas
     * laisserait au registre un compte d'avant la vente (des pièces fantômes adoptées, un faux écart).
     */
    public void afterSnapshot(@ExchangeProperty(DrawdownGuard.SNAPSHOT_VALUE) PortfolioValue value,
                              @ExchangeProperty(TradingLock.STAMP) Long readStamp) {
        if (!live || value == null || readStamp == null || !lock.tryAcquire()) {
            return;
        }
        try {
            if (lock.quietSince(readStamp)) {
                reconcile(value);
            } else {
                LOG.debug("A signal traded since the snapshot's account read: no reconciliation on it");
            }
        } finally {
            lock.release();
        }
    }

    /** L'alerte balance_drift tant qu'un écart est suivi (le guichet d'alertes ne l'envoie qu'une fois), sinon null. */
    public String driftAlert() {
        if (!live) {
            return null;
        }
        List<String> drifts = ledger.sql().list("SELECT coin, ledger_quantity, exchange_quantity, first_seen_at, followed "
                + "FROM balance_drift_watch ORDER BY coin", rs -> asset(rs.getString(1)) + ": ledger "
                + MoneyText.quantity(Money.fromDb(rs.getString(2))) + ", exchange " + MoneyText.quantity(Money.fromDb(rs.getString(3)))
                + " since " + since(rs.getString(4)) + (rs.getInt(5) == 1 ? " (ledger followed)" : ""));
        return drifts.isEmpty() ? null : "balance_drift: the exchange holds less than the ledger, " + String.join("; ", drifts)
                + ". Coins in Earn, a transfer or an order of yours? The ledger follows only if it lasts "
                + FOLLOW_AFTER.toMinutes() + " minutes.";
    }

    /** « 7 Dec 19:11 » dans TZ, comme les autres dates des messages (TimeText) ; le texte tel quel s'il ne se lit pas. */
    private static String since(String stored) {
        try {
            return TimeText.dayTime(Instant.parse(stored), ZoneId.systemDefault());
        } catch (RuntimeException e) {
            return String.valueOf(stored);
        }
    }

    /**
     * Les paires (et l'USDC) qu'un ordre non résolu a peut-être déjà fait bouger : rien n'y est décidé.
     * Le BNB aussi, quelle que soit la paire : sa commission a peut-être déjà été prise en BNB, et le
     * registre la prendra encore quand l'ordre sera écrit.
     */
    private static Set<String> unresolvedAssets(List<OrderIntent> unresolved) {
        Set<String> moving = new HashSet<>();
        for (OrderIntent intent : unresolved) {
            moving.add(intent.pair());
            moving.add(TrackedPairs.QUOTE_ASSET);
            moving.add(TrackedPairs.BNB_PAIR);
        }
        return moving;
    }

    /** Une lecture de plus d'un écart ; le registre suit le compte quand l'écart a duré assez longtemps. */
    private void shortfall(SqlTransaction tx, String coin, BigDecimal own, BigDecimal onExchange, Instant readAt,
                           Runnable followTheWallet) {
        Watch watch = tx.one("SELECT first_seen_at, last_reading_at, readings, followed FROM balance_drift_watch WHERE coin = ?",
                rs -> new Watch(Timestamps.parse(rs.getString(1)), Timestamps.parse(rs.getString(2)), rs.getInt(3),
                        rs.getInt(4) == 1), coin);
        String at = Timestamps.format(readAt);
        if (watch == null) {
            tx.update("INSERT INTO balance_drift_watch (coin, ledger_quantity, exchange_quantity, first_seen_at, "
                    + "last_reading_at, readings) VALUES (?, ?, ?, ?, ?, 1)", coin, Money.toDb(own), Money.toDb(onExchange), at, at);
            LOG.warn("Balance drift on {}: the ledger holds {} but the exchange {} (Earn, a transfer or an order of yours?); "
                    + "nothing is written off unless it lasts {} minutes", coin, Money.plain(own), Money.plain(onExchange),
                    FOLLOW_AFTER.toMinutes());
            return;
        }
        if (watch.followed() || !readAt.isAfter(watch.lastReadingAt())) {
            return;
        }
        int readings = watch.readings() + 1;
        tx.update("UPDATE balance_drift_watch SET ledger_quantity = ?, exchange_quantity = ?, last_reading_at = ?, "
                + "readings = ? WHERE coin = ?", Money.toDb(own), Money.toDb(onExchange), at, readings, coin);
        Duration lasted = Duration.between(watch.firstSeenAt(), readAt);
        if (readings >= FOLLOW_READINGS && lasted.compareTo(FOLLOW_AFTER) >= 0) {
            LOG.warn("Balance drift on {} lasted {} min over {} readings: the ledger follows the exchange", coin,
                    lasted.toMinutes(), readings);
            followTheWallet.run();
            tx.update("UPDATE balance_drift_watch SET followed = 1 WHERE coin = ?", coin);
        }
    }

    /** L'écart a disparu (pièces revenues, ordre de l'utilisateur annulé, registre recalé) : plus rien à suivre. */
    private static void healed(SqlTransaction tx, String coin) {
        if (tx.update("DELETE FROM balance_drift_watch WHERE coin = ?", coin) == 1) {
            LOG.info("Balance drift on {} cleared: the exchange holds the ledger's quantity", coin);
        }
    }

    private static String asset(String coin) {
        return TrackedPairs.isTracked(coin) ? TrackedPairs.baseAsset(coin) : coin;
    }

    /** Le registre prend la quantité du compte (moins : après un écart durable ; plus : LIVE_SIZING=wallet). */
    private void follow(SqlTransaction tx, String pair, PositionBook local, BigDecimal onExchange, PortfolioValue value) {
        if (local.quantity().compareTo(onExchange) > 0) {
            drift(tx, pair, local.quantity(), onExchange, budget == null ? "ledger corrected" : "ledger follows the account");
        }
        BigDecimal price = value.market().price(pair);
        PositionBook corrected = local.quantity().signum() > 0 ? local.withQuantity(onExchange)
                : new PositionBook(onExchange, Money.round(onExchange.multiply(price)), price);
        ledger.writePosition(tx, pair, corrected);
    }

    private void drift(SqlTransaction tx, String coin, BigDecimal ledgerQuantity, BigDecimal onExchange, String what) {
        tx.update("INSERT INTO position_drift (coin, ledger_quantity, exchange_quantity, created_at) VALUES (?, ?, ?, ?)",
                coin, Money.toDb(ledgerQuantity), Money.toDb(onExchange), Timestamps.now(clock));
        LOG.warn("Position drift on {}: ledger {} but the exchange holds {}; {}", coin, Money.plain(ledgerQuantity),
                Money.plain(onExchange), what);
    }

    private record Watch(Instant firstSeenAt, Instant lastReadingAt, int readings, boolean followed) {
    }
}
