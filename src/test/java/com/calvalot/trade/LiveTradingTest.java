package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.ShortBinanceDelays;
import com.calvalot.support.SignalDriver;

/** Le mode live contre une fausse Binance stricte : vrais appels signés, vraies pannes, exactement un ordre. */
@ExtendWith(ShortBinanceDelays.class)
class LiveTradingTest {

    static final String KEY = "test-api-key-0123456789";
    static final String SECRET = "test-api-secret-9876543210";

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    private RunningApp app;
    private SignalDriver driver;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        account.releaseHeld();
        binance.close();
    }

    /** L'environnement d'un suiveur live branché sur la fausse Binance. */
    static Map<String, String> liveEnv(Path dir, FakeBinance binance) {
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", KEY);
        env.put("BINANCE_API_SECRET", SECRET);
        return env;
    }

    private void startLive() {
        app = RunningApp.start(liveEnv(dir, binance));
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
    }

    private String trades() {
        return String.join("\n", driver.sql().list("SELECT coin || ' ' || action || ' ' || amount_usdt || ' @ ' || price "
                + "|| ' qty ' || quantity || ' fee ' || fee_usdt || ' sim ' || is_simulated FROM trades ORDER BY id",
                rs -> rs.getString(1)));
    }

    @Test
    void aLiveBuyRecordsWhatTheExchangeFilledNetOfTheCommissionInTheBaseAsset() {
        startLive();

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        // 500 USDC à 97000,10 : 0,00515 BTC (pas 0,00001) pour 499,550515 USDC ; commission 0,1 % en BTC
        assertEquals("executed", done.getMessage().getHeader("signalOutcome"));
        assertEquals("BTCUSDC BUY 499.550515 @ 97000.1 qty 0.00514485 fee 0.49955052 sim 0", trades());
        assertEquals(List.of("0.00514485 97097.1971972 499.550515"), driver.sql().list("SELECT quantity || ' ' || "
                + "avg_entry_price || ' ' || total_invested_usdt FROM positions WHERE coin = 'BTCUSDC'", rs -> rs.getString(1)));
        assertEquals(0, new BigDecimal("500.449485").compareTo(account.balance("USDC")));
        assertEquals(1, account.orders().size());
        assertTrue(account.orders().get(0).clientOrderId().matches("[a-z0-9-]{36}"), account.orders().get(0).clientOrderId());
    }

    @Test
    void aSellIsRoundedDownToTheStepAndTheLedgerFollowsTheAccount() {
        account.setBalance("XRP", "100.05");
        startLive();

        driver.execute(SignalDriver.v1("s1", "XRPUSDC", "SELL", "0.05"));

        // total 1000 + 100,05 × 2,3456 = 1234,67728 ; 5 % = 61,733864 USDC = 26,3188… XRP → 26,3 (pas 0,1)
        assertEquals(new BigDecimal("26.3"), account.orders().get(0).executedQty());
        assertEquals(List.of(), account.refusals());
        // le registre ne connaissait pas ces XRP : l'écart est écrit, la position recalée sur la bourse
        assertEquals(List.of("XRPUSDC 0 100.05"), driver.sql().list("SELECT coin || ' ' || ledger_quantity || ' ' || "
                + "exchange_quantity FROM position_drift", rs -> rs.getString(1)));
        assertEquals("73.75", driver.sql().one("SELECT quantity FROM positions WHERE coin = 'XRPUSDC'", rs -> rs.getString(1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"503 after the fill", "-1007 after the fill", "dropped connection after the fill",
        "answer slower than the timeout"})
    void anUnknownOutcomeIsAskedToTheExchangeAndNeverDoubled(String fault) {
        switch (fault) {
            case "503 after the fill" -> account.failAfterFillNextOrders(1, 503);
            case "-1007 after the fill" -> account.failAfterFillNextOrders(1, 408);
            case "dropped connection after the fill" -> account.dropAfterFillNextOrders(1);
            default -> account.slowNextOrders(1, 2000);
        }
        startLive();

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"), driver.message("s1"));
        assertEquals(1, account.orders().size());
        assertEquals(1, driver.count("trades"));
        assertEquals("BTCUSDC BUY 499.550515 @ 97000.1 qty 0.00514485 fee 0.49955052 sim 0", trades());
    }

    @Test
    void anOrderTheExchangeNeverGotIsSentAgainOnceItsRecvWindowIsOver() {
        account.dropBeforeFillNextOrders(1);
        startLive();

        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals(2, account.orderCallTimes().size());
        long gap = account.orderCallTimes().get(1) - account.orderCallTimes().get(0);
        assertTrue(gap >= 1000, "resent only after the recvWindow: " + gap + " ms");
        assertEquals(1, account.orders().size());
        assertEquals(1, driver.count("trades"));
    }

    @Test
    void a429IsHonouredForRetryAfterThenTheOrderGoesOnce() {
        account.rateLimitNextOrders(1, 1);
        startLive();

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"));
        List<Long> calls = account.orderCallTimes();
        assertEquals(2, calls.size());
        assertTrue(calls.get(1) - calls.get(0) >= 1000, "waited Retry-After: " + (calls.get(1) - calls.get(0)) + " ms");
        assertEquals(1, account.orders().size());
    }

    @Test
    void aClockAheadOfOursIsResynchronisedAndTheCallRetriedOnce() {
        binance.setServerSkewMs(3000);
        startLive();

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"), driver.message("s1"));
        assertEquals(1, account.orders().size());
    }

    @Test
    void aRefusedOrderIsRecordedWithTheExchangeMessageAndNeverRetried() {
        startLive();
        account.refuseNextOrder("BTCUSDC", "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}");

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5", "ETHUSDC", "BUY", "0.2"));

        assertEquals("error", done.getMessage().getHeader("signalOutcome"));
        assertTrue(driver.message("s1").contains("Account has insufficient balance for requested action. (-2010)"),
                driver.message("s1"));
        // la commande ETH part quand même ; la BTC refusée n'est jamais renvoyée
        assertEquals(2, account.orderCallTimes().size());
        assertEquals(List.of("ETHUSDC"), account.orders().stream().map(FakeSpotAccount.Order::symbol).toList());
        assertEquals(List.of("rejected", "filled"), driver.sql().list(
                "SELECT status FROM order_intents ORDER BY seq", rs -> rs.getString(1)));
    }

    @Test
    void unreadableBalancesPlaceNothingAndNeverKill() {
        startLive();
        binance.failWith(503);

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));
        app.context().createProducerTemplate().sendBody("direct:take-snapshot", null);

        assertEquals("error", done.getMessage().getHeader("signalOutcome"));
        assertEquals(0, account.orderCallTimes().size());
        assertEquals(0, driver.number("SELECT dead FROM agent_state"));
    }
}
