package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.BinanceAccount;
import com.calvalot.exchange.BinanceApiException;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.signal.TrackedPairs;

/**
 * La valeur du portefeuille en live : les soldes libres du compte Binance (la bourse a raison).
 * Le compte est lu une fois au début d'un signal (en même temps que les prix) ; ensuite les soldes
 * suivent les exécutions des ordres, sans relecture. L'API sert ces soldes 60 s. Des soldes
 * illisibles donnent une valeur non fiable (les derniers connus, ou inconnue), jamais zéro.
 */
public class BinancePortfolioValuation implements PortfolioValuation {

    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(BinancePortfolioValuation.class);

    private final BinanceAccount account;
    private final MarketData marketData;
    private final Clock clock;
    private final Executor calls;
    private BinanceAccount.Balances last;
    private long fillsApplied;
    private Instant readAt;

    public BinancePortfolioValuation(BinanceAccount account, MarketData marketData, Clock clock, Executor calls) {
        this.account = account;
        this.marketData = marketData;
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public synchronized PortfolioValue current() {
        boolean fresh = readAt != null && Duration.between(readAt, clock.instant()).compareTo(CACHE_TTL) < 0;
        return fresh ? PortfolioValue.of(last.cashUsdc(), last.quantities(), marketData.latest(), true)
                : valueAt(marketData.latest());
    }

    @Override
    public synchronized PortfolioValue valueAt(MarketSnapshot market) {
        return valued(readOrNull(), market);
    }

    /** Un aller-retour au lieu de deux : le compte est lu pendant que les prix le sont. */
    @Override
    public PortfolioValue readNow() {
        return readLater(calls).join();
    }

    /** Les deux lectures partent tout de suite, chacune sur son fil ; la valeur arrive quand les deux ont répondu. */
    @Override
    public CompletableFuture<PortfolioValue> readLater(Executor threads) {
        long fillsBefore = fillsApplied();
        CompletableFuture<BinanceAccount.Balances> balances = CompletableFuture.supplyAsync(this::readOrNull, threads)
                .exceptionally(failure -> null);
        return CompletableFuture.supplyAsync(marketData::refresh, threads)
                .thenCombine(balances, (market, read) -> valuedNow(market, read, fillsBefore));
    }

    private synchronized long fillsApplied() {
        return fillsApplied;
    }

    /**
     * Une lecture partie avant une exécution appliquée depuis (une lecture d'avance jamais servie,
     * pendant qu'un signal repris tradait) peut précéder cette exécution : elle ne remplace pas les
     * soldes connus et ne dimensionne rien (non fiable).
     */
    private synchronized PortfolioValue valuedNow(MarketSnapshot market, BinanceAccount.Balances read, long fillsBefore) {
        if (read != null && fillsApplied != fillsBefore) {
            return PortfolioValue.of(read.cashUsdc(), read.quantities(), market, false);
        }
        return valued(read, market);
    }

    @Override
    public synchronized void afterFill(String pair, Side side, OrderFill fill) {
        fillsApplied++;
        if (last == null) {
            return;
        }
        BigDecimal cash = last.cashUsdc();
        Map<String, BigDecimal> quantities = new HashMap<>(last.quantities());
        BigDecimal signed = side == Side.BUY ? fill.quantity() : fill.quantity().negate();
        quantities.merge(pair, signed, BigDecimal::add);
        cash = side == Side.BUY ? cash.subtract(fill.quoteAmount()) : cash.add(fill.quoteAmount());
        String base = TrackedPairs.baseAsset(pair);
        for (var commission : fill.commissions().entrySet()) {
            String asset = commission.getKey();
            if (asset.equals(TrackedPairs.QUOTE_ASSET)) {
                cash = cash.subtract(commission.getValue());
            } else if (!(asset.equals(base) && side == Side.BUY) && TrackedPairs.ALL.contains(asset + "USDC")) {
                // un achat a déjà sa commission déduite de la quantité créditée ; le BNB se paie sur le solde BNB
                quantities.merge(asset + "USDC", commission.getValue().negate(), BigDecimal::add);
            }
        }
        quantities.values().removeIf(q -> q.signum() <= 0);
        last = new BinanceAccount.Balances(cash.max(BigDecimal.ZERO), Map.copyOf(quantities));
        readAt = clock.instant();
    }

    private BinanceAccount.Balances readOrNull() {
        try {
            return account.read();
        } catch (BinanceApiException e) {
            LOG.warn("Cannot read the Binance balances ({}); the portfolio value is not reliable", e.getMessage());
            return null;
        }
    }

    /** Des soldes lus (ou null : les derniers connus, marqués non fiables). */
    private PortfolioValue valued(BinanceAccount.Balances read, MarketSnapshot market) {
        if (read != null) {
            last = read;
            readAt = clock.instant();
            return PortfolioValue.of(last.cashUsdc(), last.quantities(), market, true);
        }
        readAt = null;
        return last == null ? PortfolioValue.of(null, Map.of(), market, false)
                : PortfolioValue.of(last.cashUsdc(), last.quantities(), market, false);
    }
}
