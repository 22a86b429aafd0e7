package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import com.calvalot.portfolio.DepositsInTransit;
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

    /** Un ajout de moins d'un centime n'est pas un dépôt (le registre suit sans flux). */
    private static final BigDecimal DUST_FLOW_USDC = new BigDecimal("0.01");
    private static final Logger LOG = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final TradeLedger ledger;
    private final Clock clock;
    private final boolean live;
    private final BudgetPortfolioValuation budget;
    private final TradingLock lock;
    private final DriftWatch watch;

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
        this.watch = new DriftWatch(clock);
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
            if (budget == null) {
                wallet(tx, account, value, moving, readAt);
            } else {
                ownShare(tx, account, value, moving, readAt, ownCash);
            }
        });
    }

    /** Ce que le registre et le compte disent d'un actif (une paire, ou USDC), et son prix en USDC. */
    private record Gap(String asset, BigDecimal ledger, BigDecimal exchange, BigDecimal price) {

        BigDecimal worth(BigDecimal quantity) {
            return quantity.multiply(price);
        }
    }

    /**
     * LIVE_SIZING=wallet : tout le compte est au suiveur. Ce que le compte a en plus est adopté tout de suite
     * (un dépôt) ; ce qu'il a en moins est un écart suivi dix minutes, sauf la part qu'un ajout de la même
     * lecture explique (l'utilisateur a converti de l'USDC en pièces, ou l'inverse : l'argent a changé de
     * forme, il n'est ni arrivé ni parti deux fois). La première lecture ancre l'USDC attendu, sans flux.
     */
    private void wallet(SqlTransaction tx, BinanceAccount.Balances account, PortfolioValue value, Set<String> moving,
                        Instant readAt) {
        boolean anchored = WalletCash.usdc(tx) != null;
        if (!moving.contains(TrackedPairs.BNB_PAIR)) {
            // rien ne bouge sur le BNB, le compte a déjà ôté les commissions dues
            TradeLedger.forgetOwedCommission(tx);
        }
        List<Gap> gaps = new ArrayList<>();
        for (String pair : TrackedPairs.ALL) {
            BigDecimal price = value.market().price(pair);
            if (!moving.contains(pair) && price != null) {
                gaps.add(new Gap(pair, TradeLedger.position(tx, pair).quantity(),
                        account.quantities().getOrDefault(pair, BigDecimal.ZERO), price));
            }
        }
        if (!moving.contains(TrackedPairs.QUOTE_ASSET)) {
            if (anchored) {
                gaps.add(new Gap(TrackedPairs.QUOTE_ASSET, WalletCash.usdc(tx), account.cashHeld(), BigDecimal.ONE));
            } else {
                WalletCash.anchor(tx, account.cashHeld(), Timestamps.format(readAt));
            }
        }
        BigDecimal arrived = BigDecimal.ZERO;
        for (Gap gap : gaps) {
            if (gap.exchange().compareTo(gap.ledger()) > 0) {
                BigDecimal surplus = gap.exchange().subtract(gap.ledger());
                adopt(tx, gap, surplus, value, anchored);
                arrived = arrived.add(gap.worth(surplus));
            }
        }
        for (Gap gap : gaps) {
            int compared = gap.ledger().compareTo(gap.exchange());
            if (compared < 0) {
                continue;
            }
            BigDecimal ledgerFigure = gap.ledger();
            if (compared > 0 && anchored && arrived.signum() > 0) {
                BigDecimal converted = gap.ledger().subtract(gap.exchange()).min(Money.ratio(arrived, gap.price()));
                writeOff(tx, gap.asset(), converted, value, "converted by you into what arrived");
                arrived = arrived.subtract(gap.worth(converted)).max(BigDecimal.ZERO);
                ledgerFigure = ledgerFigure.subtract(converted);
            }
            if (ledgerFigure.compareTo(gap.exchange()) > 0) {
                BigDecimal missing = ledgerFigure.subtract(gap.exchange());
                watch.shortfall(tx, gap.asset(), ledgerFigure, gap.exchange(), readAt,
                        () -> writeOff(tx, gap.asset(), missing, value, "recorded as moved away"));
            } else {
                DriftWatch.healed(tx, gap.asset());
            }
        }
    }

    /**
     * LIVE_SIZING=budget : le registre du suiveur dans un compte partagé. Ce que le compte a en plus est à
     * l'utilisateur (jamais adopté) ; ce qu'il a en moins est un écart suivi dix minutes. L'USDC d'un dépôt
     * enregistré qui n'est pas encore arrivé (awaiting_usdt) est en route : ni un écart, ni possédé.
     */
    private void ownShare(SqlTransaction tx, BinanceAccount.Balances account, PortfolioValue value, Set<String> moving,
                          Instant readAt, BigDecimal ownCash) {
        for (String pair : TrackedPairs.ALL) {
            if (moving.contains(pair)) {
                continue;
            }
            BigDecimal onExchange = account.quantities().getOrDefault(pair, BigDecimal.ZERO);
            BigDecimal held = TradeLedger.position(tx, pair).quantity();
            if (held.compareTo(onExchange) > 0) {
                watch.shortfall(tx, pair, held, onExchange, readAt,
                        () -> writeOff(tx, pair, held.subtract(onExchange), value, "ledger follows the account"));
            } else {
                DriftWatch.healed(tx, pair);
            }
        }
        if (ownCash == null || !moving.isEmpty()) {
            return;
        }
        String usdc = TrackedPairs.QUOTE_ASSET;
        BigDecimal onExchange = account.cashHeld();
        BigDecimal gap = ownCash.subtract(onExchange);
        BigDecimal inTransit = DepositsInTransit.consume(tx, gap.max(BigDecimal.ZERO));
        BigDecimal missing = gap.subtract(inTransit);
        if (missing.signum() > 0) {
            watch.shortfall(tx, usdc, ownCash.subtract(inTransit), onExchange, readAt,
                    () -> writeOff(tx, usdc, missing, value, "recorded as moved away"));
        } else {
            DriftWatch.healed(tx, usdc);
        }
    }

    /** Ce que le compte a en plus, adopté (wallet) : le registre le prend, un dépôt s'il y avait déjà un point de départ. */
    private void adopt(SqlTransaction tx, Gap gap, BigDecimal surplus, PortfolioValue value, boolean anchored) {
        DriftWatch.healed(tx, gap.asset());
        if (gap.asset().equals(TrackedPairs.QUOTE_ASSET)) {
            WalletCash.move(tx, surplus, Timestamps.now(clock));
        } else {
            watch.record(tx, gap.asset(), gap.ledger(), gap.exchange(), "ledger corrected");
            PositionBook local = TradeLedger.position(tx, gap.asset());
            ledger.writePosition(tx, gap.asset(), local.quantity().signum() > 0 ? local.withQuantity(gap.exchange())
                    : new PositionBook(gap.exchange(), Money.round(gap.worth(gap.exchange())), gap.price()));
        }
        if (anchored && gap.worth(surplus).compareTo(DUST_FLOW_USDC) >= 0) {
            MoneyFlows.adopted(tx, gap.asset(), surplus, gap.worth(surplus), value.market().eurUsdc(), Timestamps.now(clock));
        }
    }

    /**
     * Ce que le compte n'a plus, réglé : un retrait au cours du moment (MoneyFlows, jamais une perte, quel qu'en
     * soit le montant : la poussière aussi, sinon le registre resterait au-dessus du compte), et le registre suit.
     */
    private void writeOff(SqlTransaction tx, String asset, BigDecimal quantity, PortfolioValue value, String what) {
        boolean cash = asset.equals(TrackedPairs.QUOTE_ASSET);
        BigDecimal price = cash ? BigDecimal.ONE : value.market().price(asset);
        if (quantity.signum() <= 0 || price == null) {
            return;
        }
        String now = Timestamps.now(clock);
        if (cash) {
            watch.record(tx, asset, quantity, BigDecimal.ZERO, what + " (" + Money.plain(quantity) + " USDC)");
            // wallet : l'USDC attendu baisse (budget : le retrait baisse les liquidités du registre)
            WalletCash.move(tx, quantity.negate(), now);
        } else {
            PositionBook local = TradeLedger.position(tx, asset);
            BigDecimal left = local.quantity().subtract(quantity).max(BigDecimal.ZERO);
            watch.record(tx, asset, local.quantity(), left, what);
            ledger.writePosition(tx, asset, local.withQuantity(left));
        }
        if (value.market().eurUsdc() != null) {
            MoneyFlows.movedAway(tx, asset, quantity, quantity.multiply(price), value.market().eurUsdc(), now);
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
                + DriftWatch.FOLLOW_AFTER.toMinutes() + " minutes.";
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

    private static String asset(String coin) {
        return TrackedPairs.isTracked(coin) ? TrackedPairs.baseAsset(coin) : coin;
    }

}
