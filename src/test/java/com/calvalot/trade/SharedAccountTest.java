package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.AlertWebhook;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.calvalot.support.ShortBinanceDelays;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un vrai compte Binance n'est jamais au suiveur seul (issue « Money in a real, shared Binance
 * account ») : l'utilisateur y pose ses ordres limites (pièces bloquées), Binance déplace des soldes
 * vers Earn et les rend, des réponses d'ordres arrivent en retard, le tableau de bord lit le compte
 * pendant un ordre. Tout passe par les vraies routes : le leader publie, le poll copie.
 */
@ExtendWith(ShortBinanceDelays.class)
class SharedAccountTest {

    private static final String SECRET = "shared-account-leader-secret";
    private static final Duration TICK = Duration.ofSeconds(61);

    @TempDir
    Path dir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
    private final AlertWebhook alerts = new AlertWebhook();
    private final MutableClock clock = new MutableClock(Instant.now());
    private RunningApp app;

    @AfterEach
    void stop() {
        account.releaseHeld();
        if (app != null) {
            app.close();
        }
        alerts.close();
        leader.close();
        binance.close();
    }

    private void start(String sizing, String... settings) {
        Map<String, String> env = FakeLeader.followerEnv(dir, leader, SECRET, binance);
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", LiveTradingTest.KEY);
        env.put("BINANCE_API_SECRET", LiveTradingTest.SECRET);
        env.put("INITIAL_BUDGET_EUR", "100");
        env.put("LIVE_SIZING", sizing);
        env.put("ALERT_WEBHOOK_URL", alerts.url());
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        leader.useClock(clock);
        app = RunningApp.start(env, clock);
        // le premier tick du minuteur (une seconde après le démarrage) est passé : chaque poll du test est le sien
        Await.until("the timer's first poll", Duration.ofSeconds(10), () -> one("SELECT last_poll_time FROM agent_state") != null);
    }

    /** Le leader publie un signal v1 (sans portfolio_state) ; un poll le copie. */
    private JsonNode copy(String signalId, String coin, String action, String pct) {
        leader.publish("""
                {"signal_id": "%s", "version": 1, "reasoning": "test",
                 "actions": [{"coin": "%s", "action": "%s", "pct_of_capital": %s}]}
                """.formatted(signalId, coin, action, pct));
        return app.poll();
    }

    private JsonNode copy(String signalJson) {
        leader.publish(signalJson);
        return app.poll();
    }

    /** Un tick du poll plus tard : le cache des soldes a expiré, le compte est relu (une lecture de plus). */
    private JsonNode tick(Duration later) {
        clock.advance(later);
        return app.poll();
    }

    private JsonNode get(String path) throws Exception {
        return Json.MAPPER.readTree(app.get(path).body());
    }

    private String one(String query, Object... params) {
        return app.sql().one(query, rs -> rs.getString(1), params);
    }

    private BigDecimal ledger(String pair) {
        String quantity = one("SELECT quantity FROM positions WHERE coin = ?", pair);
        return quantity == null ? BigDecimal.ZERO : new BigDecimal(quantity);
    }

    /** Le registre détient ce que le compte détient (libre + bloqué), à l'unité près. */
    private void assertLedgerHoldsWhatTheAccountHolds(String asset) {
        String pair = asset + "USDC";
        assertEquals(0, account.balance(asset).compareTo(ledger(pair)), "account " + account.balance(asset) + ", ledger " + ledger(pair));
    }

    /** L'USDC du suiveur (/api/budget) : celui du compte moins l'USDC que l'utilisateur garde à côté. */
    private void assertFollowersCashIsTheAccountsUsdcLess(String usersUsdc) throws Exception {
        BigDecimal cash = get("/api/budget").path("cash_usdt").decimalValue();
        assertEquals(0, account.balance("USDC").subtract(new BigDecimal(usersUsdc)).compareTo(cash),
                "the follower's cash is what it left of its budget: " + cash + ", account " + account.balance("USDC")
                + ", the user's " + usersUsdc);
    }

    private List<String> rows(String query) {
        return app.sql().list(query, rs -> rs.getString(1));
    }

    /**
     * Un signal achète du BTC puis du BNB, dans la même vague ; Binance exécute l'achat de BNB d'abord, et
     * l'achat de BTC paie sa commission avec ce BNB.
     */
    private void buyBtcAndBnbInOneWaveBinanceExecutingBnbFirst(String signalId, String btcPct, String bnbPct) {
        account.executeAfterTheRestOfTheirWave("BTCUSDC", 1);
        JsonNode poll = copy("""
                {"signal_id": "%s", "version": 1, "reasoning": "test",
                 "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": %s},
                             {"coin": "BNBUSDC", "action": "BUY", "pct_of_capital": %s}]}
                """.formatted(signalId, btcPct, bnbPct));
        assertEquals("executed", poll.path("status").asText(), poll.toString());
        assertEquals("BNB", one("SELECT fee_asset FROM trades WHERE coin = 'BTCUSDC'"), "the BTC buy paid its commission in BNB");
    }

    /**
     * Binance exécute l'ordre du signal, sa réponse se perd et Binance ne sait pas dire ce qu'il est
     * devenu : le signal reste « executing », l'ordre non résolu.
     */
    private void copyLeftUnresolved(String signalId, String coin, String action, String pct) {
        account.failAfterFillNextOrders(1, 503);
        account.failNextLookups(10_000, 503, "{\"code\":-1000,\"msg\":\"Service unavailable.\"}");
        assertEquals("executing", copy(signalId, coin, action, pct).path("status").asText());
    }

    /** Binance répond de nouveau : la reprise retrouve l'ordre et l'écrit, le signal finit « executed ». */
    private void binanceAnswersAgainAndResolves(String signalId) {
        account.failNextLookups(0, 503, "");
        Await.until(signalId + " resolved", Duration.ofSeconds(20),
                () -> "executed".equals(one("SELECT status FROM signals WHERE signal_id = ?", signalId)));
    }

    @Test
    void coinsUnderTheUsersOwnLimitOrderStayHeldAndOnlyTheirFreePartIsSold() throws Exception {
        start("wallet");
        assertEquals("executed", copy("s1", "BTCUSDC", "BUY", "0.5").path("status").asText());
        BigDecimal bought = account.balance("BTC");
        BigDecimal locked = new BigDecimal("0.002");
        account.lock("BTC", locked.toPlainString());

        // le compte relu plusieurs fois : rien n'est radié, rien n'est dit, la valeur ne tombe pas
        for (int i = 0; i < 3; i++) {
            tick(TICK);
        }
        assertEquals(0, bought.compareTo(ledger("BTCUSDC")), "a locked coin is still held");
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch UNION ALL SELECT coin FROM position_drift"));
        assertTrue(get("/api/budget").path("total_value_usdt").decimalValue().compareTo(new BigDecimal("990")) > 0);

        // le leader sort du BTC : seul le libre part, le reste est dit, aucun refus de la bourse
        assertEquals("executed", copy("s2", "BTCUSDC", "SELL", "1").path("status").asText());
        FakeSpotAccount.Order sell = account.orders().get(1);
        assertEquals("SELL BTCUSDC", sell.side() + " " + sell.symbol());
        BigDecimal free = bought.subtract(locked);
        assertTrue(sell.executedQty().compareTo(free) <= 0 && sell.executedQty().compareTo(free.subtract(new BigDecimal("0.00001"))) > 0,
                "the free part, to the step: " + sell);
        assertEquals(List.of(), account.refusals());
        String message = one("SELECT error_message FROM signals WHERE signal_id = 's2'");
        assertTrue(message.contains("locked on the exchange"), message);
        assertEquals(0, account.held("BTC").compareTo(ledger("BTCUSDC")), "the locked part stays in the ledger");
        assertTrue(ledger("BTCUSDC").compareTo(locked) >= 0);
    }

    @Test
    void coinsGoneToEarnAreADriftSaidOnceNeverALossAndTheAgentLivesWhenTheyComeBack() throws Exception {
        start("wallet", "PAUSE_ON_DRAWDOWN_PCT", "0.2");
        copy("s1", "BTCUSDC", "BUY", "0.99");
        BigDecimal bought = ledger("BTCUSDC");
        account.moveToEarn("BTC", bought.toPlainString());
        account.moveToEarn("USDC", account.balance("USDC").toPlainString());

        // 9 minutes sans rien sur le compte Spot : sous 5 EUR, mais ni mort ni radiation
        for (int i = 0; i < 9; i++) {
            tick(TICK);
        }
        assertFalse(get("/api/agent/status").path("dead").asBoolean(), get("/api/agent/status").toString());
        assertFalse(get("/api/agent/status").path("paused").asBoolean(), "no drawdown made of coins that may come back");
        assertEquals(0, bought.compareTo(ledger("BTCUSDC")), "never written off on a few readings");
        // l'USDC aussi est suivi (LIVE_SIZING=wallet compris) : parti en Earn, il n'est ni perdu ni radié
        assertEquals(List.of("BTCUSDC", "USDC"), rows("SELECT coin FROM balance_drift_watch ORDER BY coin"));
        List<String> drift = alerts.await("balance_drift", 1);
        assertTrue(drift.get(0).contains("BTC: ledger " + bought.stripTrailingZeros().toPlainString() + ", exchange 0"), drift.get(0));
        assertTrue(drift.get(0).contains("USDC: ledger "), drift.get(0));
        assertEquals(2, get("/api/agent/status").path("balance_drift").size(), "shown");

        account.backFromEarn("BTC");
        account.backFromEarn("USDC");
        tick(TICK);
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch"), "healed");
        assertEquals(0, get("/api/agent/status").path("balance_drift").size());
        assertEquals(List.of(), rows("SELECT coin FROM position_drift"));
        assertEquals(1, alerts.of("balance_drift").size(), "said once");

        // le SELL suivant du leader n'est pas « nothing held »
        assertEquals("executed", copy("s2", "BTCUSDC", "SELL", "1").path("status").asText());
        assertTrue(account.balance("BTC").compareTo(new BigDecimal("0.00001")) < 0, "sold down to the step: " + account.balance("BTC"));
        assertFalse(get("/api/agent/status").path("dead").asBoolean());
    }

    @Test
    void moneyReallyGoneFromTheAccountIsAWithdrawalAfterTenMinutesAndNeverKillsTheAgent() throws Exception {
        start("wallet");
        copy("s1", "BTCUSDC", "BUY", "0.99");
        BigDecimal pnl = get("/api/budget").path("pnl_eur").decimalValue();
        account.transfer("BTC", account.balance("BTC").negate().toPlainString());
        account.transfer("USDC", account.balance("USDC").negate().toPlainString());

        tick(TICK);
        tick(Duration.ofMinutes(4));
        assertFalse(get("/api/agent/status").path("dead").asBoolean(), "not on two readings over 4 minutes");
        assertEquals(List.of(), rows("SELECT coin FROM position_drift"));
        tick(Duration.ofMinutes(4));
        tick(Duration.ofMinutes(3));
        // plus de 10 minutes, 4 lectures : le registre suit le compte, et ce qui est parti est un retrait
        assertEquals(List.of("BTCUSDC", "USDC"), rows("SELECT coin FROM position_drift ORDER BY coin"));
        assertEquals(0, ledger("BTCUSDC").signum());
        assertEquals("2", one("SELECT count(*) FROM withdrawals WHERE status = 'moved_away'"));
        tick(TICK);
        // de l'argent que l'utilisateur a déplacé ne tue jamais : rien à suivre, l'agent attend qu'il revienne
        assertFalse(get("/api/agent/status").path("dead").asBoolean(), get("/api/agent/status").toString());
        assertTrue(get("/api/agent/status").path("funds_warning").asText().startsWith("no USDC to follow with"));
        assertEquals(0, alerts.of("agent DEAD").size());
        BigDecimal after = get("/api/budget").path("pnl_eur").decimalValue();
        assertTrue(after.subtract(pnl).abs().compareTo(new BigDecimal("0.01")) <= 0, "the P&L does not move: " + pnl + " then " + after);
    }

    @Test
    void anUnresolvedBuyReservesItsMoneySoTheNextSignalNeverSpendsItTwice() throws Exception {
        account.setBalance("USDC", "1108");
        start("budget");
        // exécuté chez Binance, réponse perdue, et Binance ne peut pas dire ce qu'il est devenu
        copyLeftUnresolved("s1", "BTCUSDC", "BUY", "0.5");
        BigDecimal firstBuy = account.orders().get(0).quoteQty();

        // le signal suivant ne se dimensionne pas sur les 54 USDC que l'achat non résolu a peut-être dépensés
        assertEquals("executed", copy("s2", "ETHUSDC", "BUY", "1").path("status").asText());
        BigDecimal secondBuy = account.orders().get(1).quoteQty();
        assertTrue(firstBuy.add(secondBuy).compareTo(new BigDecimal("108")) <= 0,
                "the follower spent only its budget: " + firstBuy + " + " + secondBuy);
        assertTrue(account.balance("USDC").compareTo(new BigDecimal("1000")) >= 0, "the user's USDC: " + account.balance("USDC"));

        // Binance répond de nouveau : l'achat retrouvé est écrit, pas renvoyé ; le registre n'est jamais négatif
        binanceAnswersAgainAndResolves("s1");
        assertEquals(2, account.orders().size());
        assertFollowersCashIsTheAccountsUsdcLess("1000");
        assertEquals(List.of(), account.refusals());
    }

    /** Soak F3 (graine 103 wallet) : une vente ne passe jamais devant l'achat non résolu dont elle vendrait les pièces. */
    @Test
    void aSellNeverUsesTheCoinsThatAnUnresolvedBuyMayHaveReceived() throws Exception {
        start("wallet");
        copyLeftUnresolved("s1", "BNBUSDC", "BUY", "0.5");
        assertTrue(account.balance("BNB").signum() > 0, "Binance executed the buy");

        copy("s2", "BNBUSDC", "SELL", "1");
        assertEquals(1, account.orders().size(), "no sell of coins the ledger does not know yet: " + account.orders());

        binanceAnswersAgainAndResolves("s1");
        assertLedgerHoldsWhatTheAccountHolds("BNB");
        assertEquals(List.of(), account.refusals());
    }

    @Test
    void aDashboardReadWhileAnOrderIsOnTheWireNeverCountsItsFillTwice() throws Exception {
        start("wallet");
        tick(TICK);
        account.holdAnswerOfOrder(1);
        leader.publish("""
                {"signal_id": "s1", "version": 1, "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.5}]}
                """);
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(app::poll);
        Await.until("the order executed, its answer held", Duration.ofSeconds(10), () -> account.orders().size() == 1);

        // le tableau de bord lit le compte (cache expiré) : Binance a déjà exécuté l'achat
        clock.advance(TICK);
        JsonNode during = get("/api/budget");
        account.releaseHeld();
        assertEquals("executed", poll.get().path("status").asText());

        JsonNode after = get("/api/budget");
        assertEquals(0, account.balance("USDC").compareTo(after.path("cash_usdt").decimalValue()),
                "cash " + after.path("cash_usdt") + ", account " + account.balance("USDC") + " (during: " + during + ")");
        BigDecimal value = after.path("total_value_usdt").decimalValue();
        assertTrue(value.compareTo(new BigDecimal("1001")) < 0 && value.compareTo(new BigDecimal("990")) > 0, after.toString());
        BigDecimal peak = new BigDecimal(one("SELECT max(CAST(portfolio_value_usdt AS REAL) + CAST(cash_usdt AS REAL)) "
                + "FROM portfolio_snapshots"));
        assertTrue(peak.compareTo(new BigDecimal("1001")) < 0, "no snapshot counts the fill twice: " + peak);
    }

    @Test
    void aBuyUnderTheMinimumNotionalOnceRoundedToTheStepIsSkippedNeverSent() {
        start("wallet");
        // 0,54 % de 1000 USDC = 5,40 USDC, soit 0,00005 BTC au pas : 4,85 USDC, sous le minimum de 5
        JsonNode poll = copy("s1", "BTCUSDC", "BUY", "0.0054");
        assertEquals("skipped", poll.path("status").asText(), poll.toString());
        assertEquals(List.of(), account.orderCallTimes(), "never sent");
        String message = one("SELECT error_message FROM signals WHERE signal_id = 's1'");
        assertTrue(message.contains("under the exchange minimum notional"), message);
        assertEquals(List.of(), alerts.of("signal_error"));
    }

    @Test
    void maxOrderUsdcCutsBuysButNeverASellSoAnExitLeavesNoDust() {
        account.setBalance("BTC", "0.00104");
        start("wallet", "MAX_ORDER_USDC", "100");
        // une sortie v2 de 100,88 USDC de BTC (cible 0) : vendue en entier ; l'achat de SOL reste plafonné
        JsonNode poll = copy("""
                {"signal_id": "s1", "version": 2, "actions": [],
                 "portfolio_state": {"positions": [{"coin": "SOLUSDC", "pct_of_portfolio": 0.5}]}}
                """);
        assertEquals("executed", poll.path("status").asText(), poll.toString());
        assertEquals(0, account.balance("BTC").signum(), "no unsellable dust: " + account.balance("BTC"));
        FakeSpotAccount.Order buy = account.orders().stream().filter(o -> o.side().equals("BUY")).findFirst().orElseThrow();
        assertTrue(buy.quoteQty().compareTo(new BigDecimal("100")) <= 0, buy.toString());
    }

    @Test
    void aBnbCommissionPaidFromTheFollowersOwnBnbIsChargedOnceToItsBnb() throws Exception {
        account.setBalance("USDC", "1108");
        account.payCommissionInBnb();
        start("budget");
        copy("s1", "BNBUSDC", "BUY", "0.3");
        copy("s2", "BTCUSDC", "BUY", "0.3");
        tick(TICK);

        // le BNB du compte est celui du suiveur, commission déduite une fois ; ses liquidités ne la paient pas en plus
        assertLedgerHoldsWhatTheAccountHolds("BNB");
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch UNION ALL SELECT coin FROM position_drift"));
        assertFollowersCashIsTheAccountsUsdcLess("1000");
    }

    /**
     * Soak F4 (graine 101 wallet) : une vente paie sa commission en BNB avec le BNB qu'un achat non résolu
     * vient d'apporter ; la position BNB du registre ne le connaît pas encore. La commission est due par
     * la position et payée quand l'achat est écrit : le registre finit égal au compte, sans écart signalé.
     */
    @Test
    void aBnbCommissionPaidWithTheCoinsOfAnUnresolvedBuyIsChargedWhenThatBuyIsRecorded() throws Exception {
        account.setBalance("BTC", "0.01");
        account.payCommissionInBnb();
        start("wallet");
        copyLeftUnresolved("s1", "BNBUSDC", "BUY", "0.3");
        assertTrue(account.balance("BNB").signum() > 0, "Binance executed the buy");

        assertEquals("executed", copy("s2", "BTCUSDC", "SELL", "1").path("status").asText());
        BigDecimal afterSell = account.balance("BNB");

        binanceAnswersAgainAndResolves("s1");
        assertEquals(afterSell, account.balance("BNB"));
        assertEquals("BNB", one("SELECT fee_asset FROM trades WHERE signal_id = 's2'"), "the BTC sell paid its commission in BNB");
        assertLedgerHoldsWhatTheAccountHolds("BNB");
        tick(TICK);
        // (les 0,01 BTC trouvés au démarrage ont été adoptés : position_drift les garde, c'est attendu)
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch UNION ALL "
                + "SELECT coin FROM position_drift WHERE coin = 'BNBUSDC'"));
        assertEquals("0", one("SELECT commission_owed FROM positions WHERE coin = 'BNBUSDC'"));
        assertEquals(List.of(), account.refusals());
    }

    /**
     * Un achat de BTC non résolu a déjà payé sa commission en BNB : le compte montre moins de BNB que le
     * registre, mais ce n'est pas un écart (rien n'est signalé, rien n'est suivi) ; l'achat retrouvé,
     * le registre prend la commission une fois et finit égal au compte.
     */
    @Test
    void aBnbCommissionTakenByAnUnresolvedOrderOfAnotherPairIsNoDriftAndIsChargedOnce() throws Exception {
        account.setBalance("BNB", "1");
        account.payCommissionInBnb();
        start("wallet");
        copyLeftUnresolved("s1", "BTCUSDC", "BUY", "0.3");
        // (le BNB trouvé sur le compte a été adopté au début de s1 : une ligne position_drift, attendue)
        String adopted = one("SELECT count(*) FROM position_drift");
        assertTrue(account.balance("BNB").compareTo(BigDecimal.ONE) < 0, "Binance took the commission in BNB");

        tick(TICK);
        tick(TICK);
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch"));
        assertEquals(List.of(), alerts.of("balance_drift"));

        binanceAnswersAgainAndResolves("s1");
        tick(TICK);
        assertLedgerHoldsWhatTheAccountHolds("BNB");
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch"));
        assertEquals(adopted, one("SELECT count(*) FROM position_drift"), "no correction of the ledger was needed");
    }

    /**
     * Soak F5 (graine 111 wallet) : une vente partie sans réponse, que Binance n'enregistre qu'un peu plus
     * tard ; la reprise relit le compte AVANT cet enregistrement, puis la retrouve et l'écrit. Les soldes
     * lus avant ne servent plus : ni la suite du signal ni la réconciliation n'adoptent les pièces vendues.
     */
    @Test
    void aSellRegisteredAfterTheResumeReadTheAccountIsNeverAdoptedBackFromThatRead() throws Exception {
        System.setProperty("calvalot.trade.retryMs", "150");
        try {
            account.setBalance("ETH", "0.5");
            start("wallet");
            copy("s0", "BTCUSDC", "BUY", "0.1");
            String corrections = one("SELECT count(*) FROM position_drift");
            account.registerLateNextOrders(1, 900);
            // la relecture de la vague échoue (Binance ne sait pas dire) : le signal attend sa reprise ; Binance
            // répond de nouveau dès que le poll a rendu la main, avant d'avoir enregistré la vente
            account.failNextLookups(10_000, 503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
            assertEquals("executing", copy("s1", "ETHUSDC", "SELL", "1").path("status").asText());
            binanceAnswersAgainAndResolves("s1");
            tick(TICK);
            assertLedgerHoldsWhatTheAccountHolds("ETH");
            assertEquals(corrections, one("SELECT count(*) FROM position_drift"), "no sold coin adopted back");
            assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch"));
        } finally {
            System.clearProperty("calvalot.trade.retryMs");
        }
    }

    /**
     * Soak F6 (graine 103 wallet) : une vague d'achats part en parallèle, Binance exécute l'achat de BNB
     * d'abord, et l'achat de BTC paie sa commission avec ce BNB tout neuf (le peu de BNB d'avant n'y
     * suffisait pas). Les réponses s'appliquent dans l'ordre du plan, BTC d'abord : les soldes suivis ne
     * perdent pas la commission pour autant, et l'instantané qui suit n'adopte aucun BNB qui n'existe pas.
     */
    @Test
    void aCommissionPaidWithTheBnbBoughtInTheSameWaveIsNeverAdoptedBack() throws Exception {
        account.setBalance("BNB", "0.0001");
        account.payCommissionInBnb();
        start("wallet");
        buyBtcAndBnbInOneWaveBinanceExecutingBnbFirst("s1", "0.3", "0.3");
        assertTrue(new BigDecimal(one("SELECT fee_usdt FROM trades WHERE coin = 'BTCUSDC'")).signum() > 0);

        assertLedgerHoldsWhatTheAccountHolds("BNB");
        tick(TICK);
        assertLedgerHoldsWhatTheAccountHolds("BNB");
        // seul le BNB trouvé au démarrage a été adopté (au début de s1)
        assertEquals(List.of("0.0001"), rows("SELECT exchange_quantity FROM position_drift WHERE coin = 'BNBUSDC'"));
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch"));
    }

    /**
     * Le même désordre en budget : le suiveur a un peu de BNB, moins qu'une commission ; Binance exécute
     * l'achat de BNB de la vague avant l'achat de BTC, qui paie sa commission avec. Le registre écrit le
     * BNB acheté d'abord : sa position paie la commission une fois, rien n'est pris en plus sur son USDC,
     * et il détient le BNB du compte (aucun faux écart).
     */
    @Test
    void aCommissionPaidWithTheBnbBoughtInTheSameWaveIsChargedOnceInBudgetMode() throws Exception {
        account.setBalance("USDC", "10800");
        account.payCommissionInBnb();
        start("budget", "INITIAL_BUDGET_EUR", "10000");
        copy("s1", "BNBUSDC", "BUY", "0.0007");
        BigDecimal before = account.balance("BNB");
        buyBtcAndBnbInOneWaveBinanceExecutingBnbFirst("s2", "0.9", "0.05");
        BigDecimal commission = account.orders().stream().filter(o -> o.symbol().equals("BTCUSDC")).findFirst().orElseThrow().commission();
        assertTrue(before.compareTo(commission) < 0, "a commission of " + commission + ", more than the BNB held before: " + before);

        tick(TICK);
        assertLedgerHoldsWhatTheAccountHolds("BNB");
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch UNION ALL SELECT coin FROM position_drift"));
        assertFollowersCashIsTheAccountsUsdcLess("0");
    }

    /**
     * Soak, graine 1 wallet : avec les frais payés en BNB, les autres ventes de la vague prennent leur
     * commission sur le BNB pendant que la vente de BNB part ; elle en laisse de quoi, jamais de -2010.
     */
    @Test
    void aBnbSellLeavesTheBnbThatTheOtherSellsOfItsWavePayInCommissions() {
        account.setBalance("BNB", "1");
        account.setBalance("BTC", "0.01");
        account.payCommissionInBnb();
        start("wallet");
        JsonNode poll = copy("""
                {"signal_id": "s1", "version": 2, "actions": [],
                 "portfolio_state": {"positions": [{"coin": "ETHUSDC", "pct_of_portfolio": 0.1}]}}
                """);
        assertEquals("executed", poll.path("status").asText(), poll.toString());
        assertEquals(List.of(), account.refusals());
        assertTrue(account.balance("BNB").signum() >= 0 && account.balance("BNB").compareTo(new BigDecimal("0.005")) < 0,
                "only the commissions' share is left: " + account.balance("BNB"));
        assertTrue(one("SELECT group_concat(coalesce(limit_reason, ''), ' ') FROM order_intents WHERE coin = 'BNBUSDC'")
                .contains("kept back for the BNB commissions"));
    }

    @Test
    void aPauseDuringASignalStopsItsNextWaveWhileTheWaveOnTheWireFinishes() throws Exception {
        start("wallet");
        copy("s0", "BTCUSDC", "BUY", "0.5");
        account.holdAnswerOfOrder(2);
        leader.publish("""
                {"signal_id": "s1", "version": 1, "actions": [{"coin": "BTCUSDC", "action": "SELL", "pct_of_capital": 1},
                                                              {"coin": "ETHUSDC", "action": "BUY", "pct_of_capital": 0.5}]}
                """);
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(app::poll);
        Await.until("the sell executed, its answer held", Duration.ofSeconds(10), () -> account.orders().size() == 2);

        assertEquals(200, app.send("POST", "/api/agent/toggle", "{\"paused\": true}").statusCode());
        account.releaseHeld();
        assertEquals("executed", poll.get().path("status").asText());

        assertEquals(List.of("BUY BTCUSDC", "SELL BTCUSDC"), account.orders().stream().map(o -> o.side() + " " + o.symbol()).toList());
        assertEquals(List.of("skipped"), rows("SELECT status FROM order_intents WHERE signal_id = 's1' AND coin = 'ETHUSDC'"));
        assertTrue(one("SELECT error_message FROM signals WHERE signal_id = 's1'").contains("agent paused"));
    }

    @Test
    void aPartialFillIsRecordedAsWhatExecutedAndLeavesNoDrift() {
        start("wallet");
        account.partiallyFillNextOrders(1, "0.4");
        assertEquals("executed", copy("s1", "BTCUSDC", "BUY", "0.5").path("status").asText());
        tick(TICK);
        assertEquals(0, account.balance("BTC").compareTo(ledger("BTCUSDC")));
        assertEquals(List.of(), rows("SELECT coin FROM balance_drift_watch UNION ALL SELECT coin FROM position_drift"));
        assertTrue(new BigDecimal(one("SELECT amount_usdt FROM trades")).compareTo(new BigDecimal("250")) < 0);
    }
}
