package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.ShortBinanceDelays;
import com.calvalot.support.SignalDriver;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * LIVE_SIZING=budget dans un portefeuille Spot partagé : le suiveur ne gère que son budget
 * (100 EUR = 108 USDC) ; le BTC et les 1000 USDC que l'utilisateur garde à côté ne bougent jamais,
 * ni après des signaux v1 et v2, ni après un redémarrage.
 */
class SharedWalletTest {

    private static final BigDecimal OWN_USDC = new BigDecimal("1000");
    private static final BigDecimal OWN_BTC = new BigDecimal("0.01");

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

    private void startLive(String sizing) {
        Map<String, String> env = LiveTradingTest.liveEnv(dir, binance);
        env.put("INITIAL_BUDGET_EUR", "100");
        env.put("LIVE_SIZING", sizing);
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
    }

    private void restart() {
        app.close();
        startLive("budget");
    }

    private BigDecimal ledgerQuantity(String pair) {
        String quantity = driver.sql().one("SELECT quantity FROM positions WHERE coin = ?", rs -> rs.getString(1), pair);
        return quantity == null ? BigDecimal.ZERO : new BigDecimal(quantity);
    }

    private JsonNode budget() throws Exception {
        return Json.MAPPER.readTree(app.get("/api/budget").body());
    }

    /** Ce que le compte détient au-delà du registre du suiveur : exactement ce que l'utilisateur y avait mis. */
    private void assertTheUsersOwnFundsAreUntouched() throws Exception {
        assertEquals(0, OWN_BTC.compareTo(account.balance("BTC").subtract(ledgerQuantity("BTCUSDC"))),
                "BTC on the account " + account.balance("BTC") + ", ledger " + ledgerQuantity("BTCUSDC"));
        BigDecimal followerCash = budget().path("cash_usdt").decimalValue();
        assertEquals(0, OWN_USDC.compareTo(account.balance("USDC").subtract(followerCash)),
                "USDC on the account " + account.balance("USDC") + ", follower's cash " + followerCash);
        for (String coin : List.of("ETH", "SOL", "XRP", "BNB")) {
            assertEquals(0, account.balance(coin).compareTo(ledgerQuantity(coin + "USDC")), coin);
        }
        assertEquals(List.of(), account.refusals());
        assertEquals(0, driver.count("position_drift"), "the user's own coins are never adopted by the ledger");
    }

    @Test
    void theUsersOwnBtcAndUsdcSurviveV1AndV2SignalsAndARestart() throws Exception {
        account.setBalance("USDC", "1108");
        account.setBalance("BTC", "0.01");
        startLive("budget");

        // v1 : 50 % du budget (54 USDC), pas 50 % du portefeuille entier
        assertEquals("executed", driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5")).getMessage()
                .getHeader("signalOutcome"), driver.message("s1"));
        assertEquals(1, account.orders().size());
        BigDecimal spent = account.orders().get(0).quoteQty();
        assertTrue(spent.compareTo(new BigDecimal("54")) <= 0 && spent.compareTo(new BigDecimal("53")) > 0, spent.toString());
        assertTheUsersOwnFundsAreUntouched();

        // v2 sans BTC : le suiveur vend SON BTC (au pas près), jamais celui de l'utilisateur
        assertEquals("executed", driver.execute(SignalDriver.v2("s2", "ETHUSDC", "0.5")).getMessage()
                .getHeader("signalOutcome"), driver.message("s2"));
        assertEquals(List.of("SELL BTCUSDC", "BUY ETHUSDC"), account.orders().stream().skip(1)
                .map(o -> o.side() + " " + o.symbol()).toList());
        assertTrue(ledgerQuantity("BTCUSDC").compareTo(new BigDecimal("0.00001")) < 0, "only step dust is left");
        assertTheUsersOwnFundsAreUntouched();

        restart();
        driver.execute(SignalDriver.v2("s3", "SOLUSDC", "0.9"));
        assertEquals("executed", driver.status("s3"), driver.message("s3"));
        assertTrue(ledgerQuantity("SOLUSDC").signum() > 0);
        assertTheUsersOwnFundsAreUntouched();
        // la valeur montrée est celle du suiveur seul (environ son budget), pas celle du portefeuille entier
        assertTrue(budget().path("total_value_usdt").decimalValue().compareTo(new BigDecimal("110")) < 0, budget().toString());
    }

    /**
     * Une commission payée avec le BNB de l'utilisateur est prise sur le budget du suiveur : 54 USDC
     * d'achat et sa commission en BNB (valorisée au cours du signal) sortent de ses 108 USDC.
     */
    @Test
    void aBuysCommissionPaidInTheUsersBnbIsChargedToTheFollowersBudget() throws Exception {
        account.setBalance("USDC", "1108");
        account.setBalance("BNB", "1");
        account.payCommissionInBnb();
        startLive("budget");

        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));

        BigDecimal spent = account.orders().get(0).quoteQty();
        String feeUsdt = driver.sql().one("SELECT fee_usdt FROM trades", rs -> rs.getString(1));
        BigDecimal fee = new BigDecimal(feeUsdt);
        assertTrue(fee.signum() > 0, "the BNB commission is valued");
        BigDecimal followerCash = budget().path("cash_usdt").decimalValue();
        assertEquals(0, new BigDecimal("108").subtract(spent).subtract(fee).compareTo(followerCash),
                "follower's cash " + followerCash + " after " + spent + " and a fee of " + fee);
    }

    @Test
    void withWalletSizingTheSameV2SignalManagesTheWholeWallet() throws Exception {
        account.setBalance("USDC", "1108");
        account.setBalance("BTC", "0.01");
        startLive("wallet");

        driver.execute(SignalDriver.v2("s1", "ETHUSDC", "0.5"));

        // la règle d'origine : tout le portefeuille suit le leader, le BTC de l'utilisateur compris
        assertEquals(List.of("SELL BTCUSDC", "BUY ETHUSDC"), account.orders().stream()
                .map(o -> o.side() + " " + o.symbol()).toList());
        assertEquals(0, account.balance("BTC").signum());
    }

    @Test
    void anAccountHoldingLessThanTheLedgerIsADriftSizedOnTheSmallerNeverWrittenOffOnOneReading() throws Exception {
        account.setBalance("USDC", "1108");
        startLive("budget");
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));
        BigDecimal bought = ledgerQuantity("BTCUSDC");

        // l'utilisateur retire la moitié du BTC du suiveur et presque tout l'USDC
        BigDecimal half = bought.divide(new BigDecimal("2"), 8, java.math.RoundingMode.DOWN);
        account.setBalance("BTC", half.toPlainString());
        account.setBalance("USDC", "20");
        driver.execute(SignalDriver.v1("s2", "BTCUSDC", "SELL", "1", "ETHUSDC", "BUY", "1"));

        // une seule lecture : un écart suivi et dit, rien de radié (le registre ne suit qu'après 10 minutes)
        assertEquals(List.of("BTCUSDC " + db(bought) + " " + db(half), "USDC"), driver.sql().list(
                "SELECT coin || CASE WHEN coin = 'USDC' THEN '' ELSE ' ' || ledger_quantity || ' ' || exchange_quantity END "
                + "FROM balance_drift_watch ORDER BY coin", rs -> rs.getString(1)));
        assertEquals(0, driver.count("position_drift"));
        // la vente porte sur ce que le compte détient encore, au pas près ; l'achat sur l'USDC réellement là
        FakeSpotAccount.Order sell = account.orders().get(1);
        assertEquals("SELL", sell.side());
        assertTrue(sell.executedQty().compareTo(half) <= 0, sell.executedQty() + " > " + half);
        FakeSpotAccount.Order buy = account.orders().get(2);
        assertEquals("BUY ETHUSDC", buy.side() + " " + buy.symbol());
        BigDecimal there = new BigDecimal("20").add(sell.quoteQty()).subtract(sell.commission());
        assertTrue(buy.quoteQty().compareTo(there) <= 0, "bought with the USDC really there (" + there + "): " + buy.quoteQty());
        assertTrue(buy.quoteQty().compareTo(new BigDecimal("40")) > 0, "but all of it: " + buy.quoteQty());
        assertEquals(List.of(), account.refusals());
    }

    @Test
    void aBuyFoundOnTheExchangeAfterACrashIsCountedBeforeTheRestIsSizedSoTheUsersUsdcStaysUntouched() throws Exception {
        ShortBinanceDelays.set();
        try {
            foundBuyCountedBeforeTheRest();
        } finally {
            ShortBinanceDelays.clear();
        }
    }

    private void foundBuyCountedBeforeTheRest() throws Exception {
        account.setBalance("USDC", "1108");
        startLive("budget");
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.6"));
        app.close();
        // ce qu'un kill -9 laisse entre la réponse de Binance et l'écriture : l'achat exécuté là-bas,
        // « sending » ici, sans trade ; un second achat « sending » qui n'est jamais parti
        com.calvalot.db.Sql sql = new com.calvalot.db.Sql(com.calvalot.db.Database.open(dir.resolve("calvalot.db")));
        String now = java.time.Instant.now().toString();
        sql.update("DELETE FROM trades");
        sql.update("DELETE FROM positions");
        sql.update("UPDATE order_intents SET status = 'sending', exchange_order_id = NULL");
        sql.update("UPDATE signals SET status = 'executing', received_at = ? WHERE signal_id = 's1'", now);
        sql.update("INSERT INTO order_intents (signal_id, seq, client_order_id, coin, side, quote_amount_usdt, status, "
                + "created_at, updated_at) VALUES ('s1', 2, ?, 'ETHUSDC', 'BUY', '60', 'sending', ?, ?)",
                java.util.UUID.randomUUID().toString(), now, now);

        int asked = binance.calls("/api/v3/order");
        startLive("budget");
        com.calvalot.support.Await.until("the signal resumed", java.time.Duration.ofSeconds(20),
                () -> "executed".equals(driver.status("s1")) || "error".equals(driver.status("s1")));

        assertEquals("executed", driver.status("s1"), driver.message("s1"));
        // le premier achat retrouvé (pas renvoyé), le second plafonné à ce qui reste du budget (108 − ~64,8)
        assertEquals(List.of("BUY BTCUSDC", "BUY ETHUSDC"), account.orders().stream().map(o -> o.side() + " " + o.symbol()).toList());
        BigDecimal spent = account.orders().stream().map(FakeSpotAccount.Order::quoteQty).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(spent.compareTo(new BigDecimal("108")) <= 0, "the follower spent only its budget: " + spent);
        assertTrue(spent.compareTo(new BigDecimal("100")) > 0, "but all of it: " + spent);
        BigDecimal followerCash = budget().path("cash_usdt").decimalValue();
        assertEquals(0, OWN_USDC.compareTo(account.balance("USDC").subtract(followerCash)),
                "USDC on the account " + account.balance("USDC") + ", follower's cash " + followerCash);
        assertEquals(0, account.balance("BTC").compareTo(ledgerQuantity("BTCUSDC")), "the found buy is in the ledger");
        assertEquals(1, driver.count("trades WHERE coin = 'BTCUSDC'"));
        assertEquals(List.of(), account.refusals());
        // chacun demandé une fois (le BTC : trouvé ; l'ETH : absent, relu après son recvWindow), l'ETH envoyé une fois
        assertEquals(1 + 2 + 1, binance.calls("/api/v3/order") - asked);
    }

    private static String db(BigDecimal value) {
        return com.calvalot.money.Money.toDb(value);
    }
}
