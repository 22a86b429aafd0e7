package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;

/** Le flux complet en dry run, dans l'application réelle : prix publics de la fausse bourse, fills simulés. */
class DryRunTradingTest {

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private RunningApp app;
    private SignalDriver driver;

    @BeforeEach
    void start() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("INITIAL_BUDGET_EUR", "100");
        app = RunningApp.start(env, clock);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
    }

    @AfterEach
    void stop() {
        app.close();
        binance.close();
    }

    private List<String> trade(String signalId) {
        return driver.sql().one("SELECT coin || ' ' || action || ' ' || amount_usdt || ' @ ' || price || ' qty ' || quantity "
                + "|| ' fee ' || fee_usdt || ' sim ' || is_simulated FROM trades WHERE signal_id = ?",
                rs -> List.of(rs.getString(1)), signalId);
    }

    @Test
    void buysSellsAndRebuysWithHandComputedFillsAndCash() {
        // 100 EUR × 1,08 = 108 USDC ; 50 % = 54 USDC au prix 97000,10 × 1,0002 = 97019,50002
        Exchange first = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals("executed", first.getMessage().getHeader("signalOutcome"));
        assertEquals(1, first.getMessage().getHeader("tradesPlaced"));
        assertEquals("executed", driver.status("s1"));
        assertEquals(List.of("BTCUSDC BUY 54 @ 97019.50002 qty 0.00055658 fee 0.054 sim 1"), trade("s1"));
        assertEquals(List.of("0.00055658 97021.09310432 54"), driver.sql().one("SELECT quantity || ' ' || avg_entry_price "
                + "|| ' ' || total_invested_usdt FROM positions WHERE coin = 'BTCUSDC'", rs -> List.of(rs.getString(1))));
        assertEquals(1, driver.count("portfolio_snapshots"));

        // tout vendre au prix 97000,10 × 0,9998 ; la position repart de zéro
        driver.execute(SignalDriver.v1("s2", "BTCUSDC", "SELL", "1"));
        assertEquals(List.of("BTCUSDC SELL 53.97751799 @ 96980.69998 qty 0.00055658 fee 0.05397752 sim 1"), trade("s2"));
        assertEquals(List.of("0 0 0"), driver.sql().one("SELECT quantity || ' ' || avg_entry_price || ' ' || total_invested_usdt "
                + "FROM positions WHERE coin = 'BTCUSDC'", rs -> List.of(rs.getString(1))));

        // 107,86954047 USDC : ETH 30 %, puis SOL 90 % plafonné à ce qui reste (frais compris)
        Exchange third = driver.execute(SignalDriver.v1("s3", "ETHUSDC", "BUY", "0.3", "SOLUSDC", "BUY", "0.9"));
        assertEquals(2, third.getMessage().getHeader("tradesPlaced"));
        assertEquals(List.of("32.36086214", "75.40091655"), driver.sql().list(
                "SELECT amount_usdt FROM trades WHERE signal_id = 's3' ORDER BY id", rs -> rs.getString(1)));
        assertEquals(List.of("filled", "filled"), driver.sql().list(
                "SELECT status FROM order_intents WHERE signal_id = 's3' ORDER BY seq", rs -> rs.getString(1)));
        assertEquals("0", driver.sql().one("SELECT cash_usdt FROM portfolio_snapshots ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1)));
    }

    @Test
    void aSignalIsExecutedOnceEvenIfSentAgain() {
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        Exchange again = app.context().createProducerTemplate().send("direct:execute-signal",
                e -> e.getMessage().setBody(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5")));

        assertEquals("executed", again.getMessage().getHeader("signalOutcome"));
        assertEquals(1, driver.count("trades"));
    }

    @Test
    void everyOrderUnderTheMinimumMakesTheSignalSkippedWithItsReasons() {
        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.01", "ETHUSDC", "SELL", "0.5"));

        assertEquals("skipped", done.getMessage().getHeader("signalOutcome"));
        assertEquals(0, done.getMessage().getHeader("tradesPlaced"));
        assertEquals("ETHUSDC SELL: nothing held; BTCUSDC BUY of 1.08 USDC under the 5 USDC minimum", driver.message("s1"));
        assertEquals(0, driver.count("trades"));
    }

    @Test
    void aV2GapPastTheThresholdButUnderTheMinimumIsNothingToDo() {
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        // BTC déjà à ~50 % ; SOL 0 → 3 % de ~108 USDC = ~3,24 USDC, sous le minimum de 5 : pas planifié
        Exchange done = driver.execute(SignalDriver.v2("s2", "BTCUSDC", "0.5", "SOLUSDC", "0.03"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"));
        assertEquals("executed", driver.status("s2"));
        assertEquals(null, driver.message("s2"), "nothing to do, nothing skipped");
        assertEquals(0, driver.number("SELECT count(*) FROM order_intents WHERE signal_id = 's2'"));
    }

    @Test
    void aV1SignalSellsFirstThenBuysEachGroupInTheLeadersOrder() {
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5", "XRPUSDC", "BUY", "0.2"));

        // le leader écrit ETH, BTC, SOL, XRP : les ventes (BTC, XRP) partent d'abord, puis les achats (ETH, SOL)
        driver.execute(SignalDriver.v1("s2", "ETHUSDC", "BUY", "0.3", "BTCUSDC", "SELL", "1",
                "SOLUSDC", "BUY", "0.6", "XRPUSDC", "SELL", "1"));

        assertEquals(List.of("BTCUSDC SELL", "XRPUSDC SELL", "ETHUSDC BUY", "SOLUSDC BUY"), driver.sql().list(
                "SELECT coin || ' ' || action FROM trades WHERE signal_id = 's2' ORDER BY id", rs -> rs.getString(1)));
        assertEquals(List.of("BTCUSDC SELL", "XRPUSDC SELL", "ETHUSDC BUY", "SOLUSDC BUY"), driver.sql().list(
                "SELECT coin || ' ' || side FROM order_intents WHERE signal_id = 's2' ORDER BY seq", rs -> rs.getString(1)));
    }

    @Test
    void theFirstSignalWithAPortfolioStateIsCopiedOnceAsTheInitialSync() {
        Exchange first = driver.execute(new com.calvalot.signal.Signal("lead-1", 1, null, null,
                List.of(new com.calvalot.signal.Signal.Action("XRPUSDC", "BUY", new java.math.BigDecimal("0.9"))),
                SignalDriver.v2("x", "BTCUSDC", "0.5", "ETHUSDC", "0.25").portfolioState(), null));

        assertEquals("executed", first.getMessage().getHeader("signalOutcome"));
        assertEquals("executed", driver.status("initial_sync"));
        assertEquals("executed", driver.status("lead-1"));
        assertEquals("executed by the initial sync (initial_sync)", driver.message("lead-1"));
        // 50 % et 25 % de 108 USDC ; l'action XRP du signal n'est pas rejouée par-dessus
        assertEquals(List.of("BTCUSDC 54", "ETHUSDC 27"), driver.sql().list("SELECT coin || ' ' || amount_usdt FROM trades "
                + "WHERE signal_id = 'initial_sync' ORDER BY id", rs -> rs.getString(1)));
        assertEquals(0, driver.number("SELECT count(*) FROM trades WHERE signal_id = 'lead-1'"));
        assertEquals(1, driver.number("SELECT initial_sync_done FROM agent_state"));

        // le signal suivant s'exécute normalement (v2 : rééquilibrage, sans nouvelle synchronisation)
        driver.execute(SignalDriver.v2("lead-2", "BTCUSDC", "0.5", "ETHUSDC", "0.25"));
        assertEquals("executed", driver.status("lead-2"));
        assertEquals(1, driver.number("SELECT count(*) FROM signals WHERE signal_id = 'initial_sync'"));
    }

    @Test
    void aSignalWithoutPortfolioStateRunsAsUsualAndEndsTheInitialSync() {
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals(null, driver.status("initial_sync"));
        driver.execute(SignalDriver.v2("s2", "BTCUSDC", "0.5"));
        assertEquals(null, driver.status("initial_sync"));
    }

    @Test
    void unreadablePricesPlaceNothingAndNeverKill() {
        binance.failWith(503);

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals("error", done.getMessage().getHeader("signalOutcome"));
        assertTrue(driver.message("s1").contains("unavailable"), driver.message("s1"));
        assertEquals(0, driver.count("trades"));
        assertEquals(0, driver.number("SELECT dead FROM agent_state"));
    }

    @Test
    void underFiveEurosFromFreshPricesTheAgentDiesAndNeverTradesAgain() {
        // 100 EUR en BTC, puis le BTC s'effondre : 1 % du prix
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.99"));
        binance.setPrice("BTCUSDC", "970");
        clock.advance(Duration.ofSeconds(61));

        Exchange tick = app.context().createProducerTemplate().send("direct:take-snapshot", e -> { });

        assertEquals(1, driver.number("SELECT dead FROM agent_state"));
        assertTrue(String.valueOf(tick.getMessage().getBody()).startsWith("agent DEAD"));
        binance.setPrice("BTCUSDC", "97000.10");
        Exchange after = driver.execute(SignalDriver.v1("s2", "BTCUSDC", "SELL", "1"));
        assertEquals("skipped", after.getMessage().getHeader("signalOutcome"));
        assertEquals(1, driver.count("trades"));
    }

    @Test
    void anOutageAtTickTimeNeverLooksLikeAnEmptyPortfolio() {
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.99"));
        binance.setPrice("BTCUSDC", "970");
        binance.failWith(503);
        clock.advance(Duration.ofSeconds(61));

        app.context().createProducerTemplate().sendBody("direct:take-snapshot", null);

        assertEquals(0, driver.number("SELECT dead FROM agent_state"));
        assertTrue(driver.count("portfolio_snapshots") >= 2);
    }
}
