package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.api.ApiClient;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.ShortBinanceDelays;
import com.calvalot.support.SignalDriver;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un signal live au rythme de la bourse (trading-rules.md, « Talking to the exchange ») : prix et
 * compte lus une fois, les ventes ensemble puis les achats ensemble, les soldes tirés des
 * exécutions ; compté requête par requête sur la fausse Binance stricte.
 */
@ExtendWith(ShortBinanceDelays.class)
class TwoWavesTest {

    private static final List<String> PATHS = List.of("/api/v3/ticker/price", "/api/v3/account", "/api/v3/order",
            "/api/v3/exchangeInfo", "/api/v3/myTrades", "/api/v3/time");

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
    private RunningApp app;
    private SignalDriver driver;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        binance.close();
    }

    private void startLive() {
        app = RunningApp.start(LiveTradingTest.liveEnv(dir, binance));
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
        // le premier tick du poll (sans leader) passé : ses éventuelles lectures ne comptent pas pour le signal
        awaitFirstPoll();
    }

    /** Sans leader ni trade, le tic ne valorise rien (mode installation) : on attend le poll lui-même. */
    private void awaitFirstPoll() {
        Await.until("the first poll", Duration.ofSeconds(10),
                () -> !app.get("/api/agent/status").body().contains("\"last_poll_time\":null"));
    }

    private Map<String, Integer> calls() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        PATHS.forEach(path -> calls.put(path, binance.calls(path)));
        return calls;
    }

    private Map<String, Integer> callsSince(Map<String, Integer> before) {
        Map<String, Integer> delta = new LinkedHashMap<>();
        calls().forEach((path, n) -> delta.put(path, n - before.get(path)));
        return delta;
    }

    @Test
    void aFiveOrderSignalMakesSevenRequestsSellsBeforeBuys() {
        account.setBalance("ETH", "0.1");
        account.setBalance("SOL", "2");
        startLive();
        driver.execute(SignalDriver.v1("warm-up", "BTCUSDC", "BUY", "0.01"));
        Map<String, Integer> before = calls();

        fiveOrdersInSevenRequestsSellsBeforeBuys(before, 1);
        assertEquals(List.of(), account.refusals());
    }

    /** Deux ventes puis trois achats : 1 ticker, 1 compte, 5 ordres (filtres en cache), les achats après les ventes. */
    private void fiveOrdersInSevenRequestsSellsBeforeBuys(Map<String, Integer> before, int earlierOrders) {
        Exchange done = driver.execute(SignalDriver.v1("s1", "ETHUSDC", "SELL", "0.1", "SOLUSDC", "SELL", "0.1",
                "BTCUSDC", "BUY", "0.2", "BNBUSDC", "BUY", "0.1", "XRPUSDC", "BUY", "0.1"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"), driver.message("s1"));
        assertEquals(5, done.getMessage().getHeader("tradesPlaced"));
        Map<String, Integer> expected = new LinkedHashMap<>();
        List.of(1, 1, 5, 0, 0, 0).forEach(n -> expected.put(PATHS.get(expected.size()), n));
        assertEquals(expected, callsSince(before));
        List<FakeSpotAccount.Order> orders = account.orders().subList(earlierOrders, earlierOrders + 5);
        long lastSell = orders.stream().filter(o -> o.side().equals("SELL")).mapToLong(FakeSpotAccount.Order::time).max().orElseThrow();
        long firstBuy = orders.stream().filter(o -> o.side().equals("BUY")).mapToLong(FakeSpotAccount.Order::time).min().orElseThrow();
        assertTrue(lastSell <= firstBuy, "the buys leave once the sells are answered");
    }

    @Test
    void withBudgetSizingAFiveOrderSignalAlsoMakesSevenRequestsAndLeavesTheUsersOwnUsdc() {
        // un portefeuille partagé : 5000 USDC à l'utilisateur, 1000 EUR de budget au suiveur
        account.setBalance("USDC", "6080");
        Map<String, String> env = LiveTradingTest.liveEnv(dir, binance);
        env.put("LIVE_SIZING", "budget");
        env.put("INITIAL_BUDGET_EUR", "1000");
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
        awaitFirstPoll();
        driver.execute(SignalDriver.v1("warm-up", "ETHUSDC", "BUY", "0.3", "SOLUSDC", "BUY", "0.3"));
        Map<String, Integer> before = calls();
        BigDecimal usdcBefore = account.balance("USDC");

        // le registre plafonné par les soldes que les exécutions ont laissés : aucune relecture du compte
        fiveOrdersInSevenRequestsSellsBeforeBuys(before, 2);
        // les achats pris sur le budget du suiveur : l'USDC du compte baisse de moins que son propre budget
        BigDecimal spent = usdcBefore.subtract(account.balance("USDC"));
        assertTrue(spent.signum() > 0 && spent.compareTo(new BigDecimal("1080")) < 0, spent.toString());
        assertTrue(account.balance("USDC").compareTo(new BigDecimal("5000")) >= 0, account.balance("USDC").toString());
        JsonNode budget = ApiClient.getJson(app, "/api/budget");
        assertEquals(0, budget.path("cash_usdt").decimalValue().compareTo(new BigDecimal(driver.sql().<String>one(
                "SELECT cash_usdt FROM portfolio_snapshots ORDER BY id DESC LIMIT 1", rs -> rs.getString(1)))), budget.toString());
        assertTrue(budget.path("cash_usdt").decimalValue().compareTo(new BigDecimal("1080")) < 0, budget.toString());
        assertEquals(List.of(), account.refusals());
    }

    @Test
    void theFiltersAreKeptBetweenSignalsAndReadAgainAfterAFilterRefusal() {
        startLive();
        driver.execute(SignalDriver.v1("s0", "BTCUSDC", "BUY", "0.01"));
        int read = binance.calls("/api/v3/exchangeInfo");
        account.refuseNextOrder("BTCUSDC", "{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}");

        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.01"));
        assertEquals(read, binance.calls("/api/v3/exchangeInfo"), "kept between signals");
        driver.execute(SignalDriver.v1("s2", "ETHUSDC", "BUY", "0.01"));

        assertEquals(read + 1, binance.calls("/api/v3/exchangeInfo"), "read again after the refusal");
        assertEquals(List.of("filled", "rejected", "filled"), driver.sql().list(
                "SELECT status FROM order_intents ORDER BY id", rs -> rs.getString(1)));
    }

    @Test
    void rightAfterALiveBuyTheBudgetAndTheSnapshotShowWhatTheFillLeft() {
        startLive();

        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        // 1000 USDC − 499,550515 ; 0,00514485 BTC crédités (commission prise en BTC)
        assertEquals("500.449485", driver.sql().one("SELECT cash_usdt FROM portfolio_snapshots ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1)));
        JsonNode budget = ApiClient.getJson(app, "/api/budget");
        assertEquals(0, new BigDecimal("500.449485").compareTo(budget.path("cash_usdt").decimalValue()), budget.toString());
        assertEquals(0, new BigDecimal("0.00514485").multiply(new BigDecimal("97000.1")).setScale(8, java.math.RoundingMode.HALF_EVEN)
                .compareTo(budget.path("portfolio_usdt").decimalValue()), budget.toString());
        assertEquals(0, account.balance("USDC").compareTo(new BigDecimal("500.449485")));
    }

    @Test
    void anAccountThatCannotBeReadAgainDoesNotStarveTheBuysOfTheSignal() {
        account.setBalance("XRP", "100.05");
        startLive();
        account.failAccountReadsAfter(1);

        Exchange done = driver.execute(SignalDriver.v1("s1", "XRPUSDC", "SELL", "0.05", "BTCUSDC", "BUY", "0.3"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"), driver.message("s1"));
        assertEquals(List.of("SELL", "BUY"), account.orders().stream().map(FakeSpotAccount.Order::side).toList());
        // 30 % de 1234,67728 = 370,403184 USDC, sur l'USDC que la vente a laissé (pas sur une relecture)
        assertEquals(List.of("370.403184"), driver.sql().list("SELECT quote_amount_usdt FROM order_intents WHERE side = 'BUY'",
                rs -> rs.getString(1)));
    }

    @Test
    void aCommissionPaidInBnbIsValuedAtTheSignalsBnbPriceAndItsAssetKept() {
        account.setBalance("BNB", "1");
        account.payCommissionInBnb();
        startLive();

        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        // total 1000 + 650,3 = 1650,3 ; 825,15 USDC → 0,0085 BTC, toute la quantité créditée (commission
        // payée en BNB : 0,075 % du montant) ; fee_usdt = la commission en BNB au cours 650,3 du signal
        FakeSpotAccount.Order order = account.orders().get(0);
        assertEquals("BNB", order.commissionAsset());
        String fee = order.commission().multiply(new BigDecimal("650.3")).setScale(8, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        assertEquals(List.of("0.0085 " + fee + " BNB"), driver.sql().list(
                "SELECT quantity || ' ' || fee_usdt || ' ' || fee_asset FROM trades", rs -> rs.getString(1)));
        JsonNode trade = ApiClient.getJson(app, "/api/trades").get(0);
        assertEquals("BNB", trade.path("fee_asset").asText());
        assertEquals(0, new BigDecimal(fee).compareTo(trade.path("fee_usdt").decimalValue()));
        // le BNB payé sort aussi des soldes suivis, sans relire le compte
        assertEquals(0, account.balance("BNB").compareTo(BigDecimal.ONE.subtract(order.commission())));
    }

    @Test
    void insideAWaveALostAnswerIsAskedForAndARefusalIsKeptEachOrderOnItsOwn() {
        account.setBalance("ETH", "0.1");
        account.setBalance("SOL", "2");
        startLive();
        account.refuseNextOrder("BNBUSDC", "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}");
        account.dropAfterFillNextOrders(1);

        Exchange done = driver.execute(SignalDriver.v1("s1", "ETHUSDC", "SELL", "0.1", "SOLUSDC", "SELL", "0.1",
                "BTCUSDC", "BUY", "0.2", "BNBUSDC", "BUY", "0.1", "XRPUSDC", "BUY", "0.1"));

        assertEquals("error", done.getMessage().getHeader("signalOutcome"));
        assertTrue(driver.message("s1").contains("BNBUSDC BUY refused"), driver.message("s1"));
        // la réponse perdue a été demandée à la bourse, jamais renvoyée : 4 ordres, chacun une fois
        assertEquals(4, account.orders().size());
        assertEquals(4, account.orders().stream().map(FakeSpotAccount.Order::clientOrderId).distinct().count());
        assertEquals(4, driver.count("trades"));
        assertEquals(List.of("filled", "filled", "filled", "rejected", "filled"), driver.sql().list(
                "SELECT status FROM order_intents WHERE signal_id = 's1' ORDER BY seq", rs -> rs.getString(1)));
    }

    @Test
    void afterALongRetryAfterTheOrderIsSignedAfreshAndALateRegistrationIsFoundNotDoubled() {
        startLive();
        // 429 avec Retry-After 2 s (plus que le recvWindow de 1 s), puis la réponse perdue et l'ordre
        // enregistré par le moteur 0,5 s plus tard : le demander trop tôt le croirait absent
        account.rateLimitNextOrders(1, 2);
        account.registerLateNextOrders(1, 500);

        Exchange done = driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        assertEquals("executed", done.getMessage().getHeader("signalOutcome"), driver.message("s1"));
        Await.until("the engine's late registration", Duration.ofSeconds(5), () -> account.lateRegistrationsDone() == 1);
        assertEquals(1, account.orders().size());
        assertEquals(1, driver.count("trades"));
        // signé après l'attente : pas de -1021, donc pas de resynchronisation de l'horloge
        assertEquals(0, binance.calls("/api/v3/time"));
    }
}
