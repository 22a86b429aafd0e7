package com.calvalot.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.support.BinanceClients;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.MutableClock;

class BinanceMarketDataTest {

    private final FakeBinance binance = new FakeBinance();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final BinanceRateGate rateGate = new BinanceRateGate(clock);
    private final BinanceMarketData market =
            new BinanceMarketData(BinanceClients.publicCalls(binance.baseUrl(), rateGate), clock, rateGate);

    @AfterEach
    void stop() {
        binance.close();
    }

    @Test
    void readsAllPricesInOneBatchedCallAndKeepsThemSixtySeconds() {
        MarketSnapshot first = market.latest();

        assertTrue(first.fresh());
        assertEquals(new BigDecimal("97000.1"), first.price("BTCUSDC"));
        assertEquals(new BigDecimal("1.08"), first.eurUsdc());
        assertEquals(1, binance.calls("/api/v3/ticker/price"));

        binance.setPrice("BTCUSDC", "98000");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(new BigDecimal("97000.1"), market.latest().price("BTCUSDC"));
        assertEquals(1, binance.calls("/api/v3/ticker/price"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(new BigDecimal("98000"), market.latest().price("BTCUSDC"));
        assertEquals(2, binance.calls("/api/v3/ticker/price"));
    }

    @Test
    void anOutageKeepsTheLastKnownPricesMarkedStale() {
        market.latest();
        binance.failWith(503);

        MarketSnapshot during = market.refresh();

        assertTrue(during.known());
        assertTrue(during.stale());
        assertFalse(during.fresh());
        assertEquals(new BigDecimal("97000.1"), during.price("BTCUSDC"));

        binance.failWith(0);
        assertTrue(market.refresh().fresh());
    }

    @Test
    void pricesNeverReadAreUnknownNotZero() {
        binance.failWith(500);

        MarketSnapshot snapshot = market.latest();

        assertFalse(snapshot.known());
        assertEquals(null, snapshot.price("BTCUSDC"));
    }

    @Test
    void aRateLimitAnswerPausesEveryBinanceCallOfTheProcess() {
        market.latest();
        binance.failWith(429);

        assertTrue(market.refresh().stale());
        int callsWhenLimited = binance.calls("/api/v3/ticker/price");
        binance.failWith(0);

        assertTrue(market.refresh().stale(), "no call while the pause lasts");
        assertEquals(callsWhenLimited, binance.calls("/api/v3/ticker/price"));
        assertFalse(rateGate.remaining().isZero(), "the signed calls see the same pause");

        clock.advance(Duration.ofMinutes(1));
        assertTrue(market.refresh().fresh());
    }
}
