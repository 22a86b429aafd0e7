package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;
import com.fasterxml.jackson.databind.JsonNode;

/** MAX_ORDER_USDC coupe un ordre, EXCLUDE_COINS laisse une paire tranquille, en dry run comme en live ; chacun le dit. */
class RiskLimitsTradingTest {

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private RunningApp app;
    private SignalDriver driver;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        binance.close();
    }

    private void start(Map<String, String> settings) {
        if (app != null) {
            app.close();
        }
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("INITIAL_BUDGET_EUR", "100");
        env.putAll(settings);
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
    }

    /** Le message d'un signal tel que le tableau de bord le montre (GET /api/signals). */
    private String shownReason(String signalId) throws Exception {
        for (JsonNode signal : Json.MAPPER.readTree(app.get("/api/signals").body())) {
            if (signal.path("signal_id").asText().equals(signalId)) {
                return signal.path("error_message").asText(null);
            }
        }
        throw new AssertionError("signal " + signalId + " not listed");
    }

    private List<String> trades(String signalId) {
        return driver.sql().list("SELECT coin || ' ' || action || ' ' || amount_usdt FROM trades WHERE signal_id = ? ORDER BY id",
                rs -> rs.getString(1), signalId);
    }

    private List<String> limitReasons(String signalId) {
        return driver.sql().list("SELECT status || ': ' || limit_reason FROM order_intents WHERE signal_id = ? "
                + "AND limit_reason IS NOT NULL ORDER BY seq", rs -> rs.getString(1), signalId);
    }

    @Test
    void dryRunCutsABigOrderAndSkipsAnExcludedPairSayingWhy() throws Exception {
        start(Map.of("MAX_ORDER_USDC", "20", "EXCLUDE_COINS", " xrpusdc "));

        // 108 USDC : BTC 50 % = 54 USDC, coupé à 20 ; XRP exclu
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5", "XRPUSDC", "BUY", "0.2"));

        assertEquals("executed", driver.status("s1"));
        assertEquals(List.of("BTCUSDC BUY 20"), trades("s1"));
        assertEquals(List.of("filled: BTCUSDC BUY cut from 54 to 20 USDC by MAX_ORDER_USDC",
                "skipped: XRPUSDC BUY skipped: XRPUSDC is in EXCLUDE_COINS, never traded"), limitReasons("s1"));
        String shown = shownReason("s1");
        assertTrue(shown.contains("BTCUSDC BUY cut from 54 to 20 USDC by MAX_ORDER_USDC"), shown);
        assertTrue(shown.contains("XRPUSDC BUY skipped: XRPUSDC is in EXCLUDE_COINS"), shown);

        // un signal qui ne touche qu'une paire exclue : rien ne part, le signal dit pourquoi
        driver.execute(SignalDriver.v1("s2", "XRPUSDC", "BUY", "0.3"));
        assertEquals("skipped", driver.status("s2"));
        assertEquals("XRPUSDC BUY skipped: XRPUSDC is in EXCLUDE_COINS, never traded", shownReason("s2"));
        assertEquals(1, driver.count("trades"));
    }

    @Test
    void dryRunNeverSellsAnExcludedHoldingWhenTheLeaderDropsIt() throws Exception {
        start(Map.of("MAX_ORDER_USDC", "30"));
        driver.execute(SignalDriver.v1("s1", "XRPUSDC", "BUY", "0.5"));
        assertEquals(List.of("XRPUSDC BUY 30"), trades("s1"));
        String xrp = driver.sql().one("SELECT quantity FROM positions WHERE coin = 'XRPUSDC'", rs -> rs.getString(1));

        start(Map.of("MAX_ORDER_USDC", "30", "EXCLUDE_COINS", "XRPUSDC"));
        // v2 : XRP absent (cible 0) ; sa détention reste, le BTC est acheté, coupé à 30
        driver.execute(SignalDriver.v2("s2", "BTCUSDC", "0.6"));

        assertEquals("executed", driver.status("s2"), driver.message("s2"));
        assertEquals(List.of("BTCUSDC BUY 30"), trades("s2"));
        assertEquals(xrp, driver.sql().one("SELECT quantity FROM positions WHERE coin = 'XRPUSDC'", rs -> rs.getString(1)));
        assertTrue(shownReason("s2").contains("XRPUSDC SELL skipped: XRPUSDC is in EXCLUDE_COINS"), shownReason("s2"));
    }

    @Test
    void aV2FollowerAlreadyAtItsTargetsBesideAnExcludedHoldingIsExecutedNotSkipped() throws Exception {
        start(Map.of());
        driver.execute(SignalDriver.v1("s1", "XRPUSDC", "BUY", "0.5"));
        start(Map.of("EXCLUDE_COINS", "XRPUSDC"));
        driver.execute(SignalDriver.v2("s2", "BTCUSDC", "0.3"));
        assertEquals("executed", driver.status("s2"), driver.message("s2"));

        // le même état encore : en phase ; l'écart de la paire exclue reste dit, il ne fait pas l'issue
        driver.execute(SignalDriver.v2("s3", "BTCUSDC", "0.3"));
        assertEquals("executed", driver.status("s3"), driver.message("s3"));
        assertEquals(List.of(), trades("s3"));
        assertTrue(shownReason("s3").contains("XRPUSDC SELL skipped: XRPUSDC is in EXCLUDE_COINS"), shownReason("s3"));
    }

    @Test
    void liveCutsAndExclusionsReachTheExchangeAsSmallerOrdersOrNone() throws Exception {
        FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
        account.setBalance("XRP", "100.05");
        Map<String, String> env = new HashMap<>(Map.of("TRADING_MODE", "live", "BINANCE_API_KEY", LiveTradingTest.KEY,
                "BINANCE_API_SECRET", LiveTradingTest.SECRET, "MAX_ORDER_USDC", "100", "EXCLUDE_COINS", "XRPUSDC"));
        start(env);

        // 1234,68 USDC au total : BTC 30 % = 370 USDC coupé à 100 ; XRP à 50 % jamais acheté
        driver.execute(SignalDriver.v2("s1", "BTCUSDC", "0.3", "XRPUSDC", "0.5"));
        assertEquals("executed", driver.status("s1"), driver.message("s1"));
        assertEquals(1, account.orders().size());
        assertEquals("BUY BTCUSDC", account.orders().get(0).side() + " " + account.orders().get(0).symbol());
        assertTrue(account.orders().get(0).quoteQty().compareTo(new BigDecimal("100")) <= 0, account.orders().get(0).toString());
        assertTrue(shownReason("s1").contains("cut from 370."), shownReason("s1"));

        // XRP quitte la cible : il n'est pas vendu ; l'achat d'ETH est coupé à son tour
        driver.execute(SignalDriver.v2("s2", "ETHUSDC", "0.2"));
        assertEquals(List.of("SELL BTCUSDC", "BUY ETHUSDC"), account.orders().stream().skip(1)
                .map(o -> o.side() + " " + o.symbol()).toList());
        assertTrue(account.orders().get(2).quoteQty().compareTo(new BigDecimal("100")) <= 0);
        assertEquals(0, new BigDecimal("100.05").compareTo(account.balance("XRP")));
        assertEquals(List.of(), account.refusals());
        assertTrue(shownReason("s2").contains("XRPUSDC SELL skipped: XRPUSDC is in EXCLUDE_COINS"), shownReason("s2"));
    }
    @Test
    void liveCutBuysStillShareTheCashLeftAndTheirSumNeverExceedsIt() throws Exception {
        FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
        start(new HashMap<>(Map.of("TRADING_MODE", "live", "BINANCE_API_KEY", LiveTradingTest.KEY,
                "BINANCE_API_SECRET", LiveTradingTest.SECRET, "MAX_ORDER_USDC", "400")));

        // 1000 USDC : trois achats de 50 % (500 chacun), coupés à 400, puis plafonnés ensemble aux 1000 USDC
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5", "ETHUSDC", "BUY", "0.5", "SOLUSDC", "BUY", "0.5"));

        assertEquals("executed", driver.status("s1"), driver.message("s1"));
        // les achats partent ensemble : rangés dans l'ordre du leader pour les comparer
        List<String> leaderOrder = List.of("BTCUSDC", "ETHUSDC", "SOLUSDC");
        List<BigDecimal> spent = account.orders().stream()
                .sorted(java.util.Comparator.comparingInt(o -> leaderOrder.indexOf(o.symbol())))
                .map(FakeSpotAccount.Order::quoteQty).toList();
        assertEquals(3, spent.size(), spent.toString());
        assertTrue(spent.get(0).compareTo(new BigDecimal("400")) <= 0 && spent.get(0).compareTo(new BigDecimal("399")) > 0, spent.toString());
        assertTrue(spent.get(1).compareTo(new BigDecimal("400")) <= 0 && spent.get(1).compareTo(new BigDecimal("399")) > 0, spent.toString());
        assertTrue(spent.get(2).compareTo(new BigDecimal("190")) > 0, "the third takes what is left: " + spent);
        assertTrue(spent.stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(new BigDecimal("1000")) <= 0, spent.toString());
        assertTrue(account.balance("USDC").signum() >= 0);
        assertEquals(List.of(), account.refusals());
        assertEquals(3, limitReasons("s1").size(), limitReasons("s1").toString());
        assertTrue(limitReasons("s1").get(0).endsWith("cut from 500 to 400 USDC by MAX_ORDER_USDC"), limitReasons("s1").toString());
    }
}
