package com.calvalot.portfolio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.BinanceAccount;
import com.calvalot.exchange.BinanceApiException;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;

/**
 * La valeur du portefeuille en live : les soldes libres du compte Binance (la bourse a raison).
 * Pour l'API, les soldes sont gardés 60 s ; le flux de trading les relit à chaque signal. Des
 * soldes illisibles donnent une valeur non fiable (les derniers connus, ou inconnue), jamais zéro.
 */
public class BinancePortfolioValuation implements PortfolioValuation {

    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(BinancePortfolioValuation.class);

    private final BinanceAccount account;
    private final MarketData marketData;
    private final Clock clock;
    private BinanceAccount.Balances last;
    private Instant readAt;

    public BinancePortfolioValuation(BinanceAccount account, MarketData marketData, Clock clock) {
        this.account = account;
        this.marketData = marketData;
        this.clock = clock;
    }

    @Override
    public synchronized PortfolioValue current() {
        boolean fresh = readAt != null && Duration.between(readAt, clock.instant()).compareTo(CACHE_TTL) < 0;
        return fresh ? PortfolioValue.of(last.cashUsdc(), last.quantities(), marketData.latest(), true)
                : valueAt(marketData.latest());
    }

    @Override
    public synchronized PortfolioValue valueAt(MarketSnapshot market) {
        try {
            last = account.read();
            readAt = clock.instant();
            return PortfolioValue.of(last.cashUsdc(), last.quantities(), market, true);
        } catch (BinanceApiException e) {
            LOG.warn("Cannot read the Binance balances ({}); the portfolio value is not reliable", e.getMessage());
            readAt = null;
            return last == null ? PortfolioValue.of(null, java.util.Map.of(), market, false)
                    : PortfolioValue.of(last.cashUsdc(), last.quantities(), market, false);
        }
    }
}
