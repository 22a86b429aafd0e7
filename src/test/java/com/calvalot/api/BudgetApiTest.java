package com.calvalot.api;

import static com.calvalot.api.ApiClient.getJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Sql;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * /api/budget, /api/positions, /api/prices et les dépôts, contre des chiffres calculés à la main
 * (FakeBinance : EURUSDC 1.08, BTCUSDC 97000.10 ; budget initial 100 EUR).
 */
class BudgetApiTest {

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        binance.close();
    }

    private RunningApp start(Map<String, String> extra) {
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.putAll(extra);
        app = RunningApp.start(env, clock);
        return app;
    }

    @Test
    void theInitialBudgetIs108UsdcOfCashAt108() {
        start(Map.of());
        JsonNode budget = getJson(app, "/api/budget");
        assertEquals("{\"status\":\"ACTIVE\",\"mode\":\"dry_run\",\"demo\":false,\"initial_total_eur\":100,"
                + "\"total_deposited_eur\":100,\"total_withdrawn_eur\":0,\"positions_count\":0,"
                + "\"created_at\":\"2026-11-24T12:00:00Z\",\"cash_usdt\":108,\"portfolio_usdt\":0,\"total_value_usdt\":108,"
                + "\"total_value_eur\":100,\"eurusdc_rate\":0.92592593,\"prices_stale\":false,\"pnl_eur\":0,\"pnl_pct\":0}",
                budget.toString());
    }

    /** La réponse gardée entre deux requêtes suit chaque écriture, d'où qu'elle vienne, au centime. */
    @Test
    void theKeptAnswerFollowsEveryWriteToTheLedgerWhoeverMakesIt() {
        start(Map.of());
        Sql sql = ApiClient.sql(app);
        assertEquals("108", getJson(app, "/api/budget").get("cash_usdt").asText());
        assertEquals("108", getJson(app, "/api/budget").get("cash_usdt").asText());

        // un autre écrivain (flux de trading, reprise d'une base) : un trade sans position
        sql.update("INSERT INTO trades (signal_id, coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) "
                + "VALUES ('s1', 'BTCUSDC', 'BUY', '10.5', '90000', '0.0001166', '0.0105', 1, '2026-11-24T12:00:00Z')");
        assertEquals("97.4895", getJson(app, "/api/budget").get("cash_usdt").asText());
        // une commission corrigée après coup (UPDATE) et un retrait
        sql.update("UPDATE trades SET fee_usdt = '0.0205' WHERE signal_id = 's1'");
        assertEquals("97.4795", getJson(app, "/api/budget").get("cash_usdt").asText());
        sql.update("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, status, "
                + "is_simulated, created_at) VALUES ('10', '10.8', '10', '0.92592593', 'completed', 1, '2026-11-24T12:00:00Z')");
        assertEquals("86.6795", getJson(app, "/api/budget").get("cash_usdt").asText());
        // l'état de l'agent et les positions aussi
        assertEquals(200, app.send("POST", "/api/agent/toggle", "").statusCode());
        assertEquals("PAUSED", getJson(app, "/api/budget").get("status").asText());
        sql.update("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) "
                + "VALUES ('BTCUSDC', '0.0001166', '90000', '10.5', '2026-11-24T12:00:00Z')");
        assertEquals(1, getJson(app, "/api/budget").get("positions_count").asInt());
    }

    @Test
    void aDryRunDepositAddsSimulatedCashAtTheCurrentRateAndACorrectionMovesNoCash() {
        start(Map.of());
        Sql sql = ApiClient.sql(app);
        HttpResponse<String> deposit = app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 50}");
        assertEquals(200, deposit.statusCode(), deposit.body());
        assertEquals("{\"ok\":true,\"total_deposited_eur\":150}", deposit.body());
        assertEquals(List.of("deposit|50|1.08|54|1"), sql.list("SELECT kind, amount_eur, eurusdc_rate, amount_usdt, is_simulated "
                + "FROM deposits WHERE kind = 'deposit'", rs -> rs.getString(1) + "|" + rs.getString(2) + "|"
                + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5)));

        // un achat de 90 USDC (frais 0.09) : 0.001 BTC
        sql.update("INSERT INTO trades (signal_id, coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) "
                + "VALUES ('s1', 'BTCUSDC', 'BUY', '90', '90000', '0.001', '0.09', 1, '2026-11-24T12:00:00Z')");
        sql.update("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) "
                + "VALUES ('BTCUSDC', '0.001', '90000', '90', '2026-11-24T12:00:00Z')");
        JsonNode budget = getJson(app, "/api/budget");
        // cash = 108 + 54 − 90 − 0.09 = 71.91 ; positions = 0.001 × 97000.10 = 97.0001 ; total = 168.9101 USDC
        assertEquals("71.91", budget.get("cash_usdt").toString());
        assertEquals("97.0001", budget.get("portfolio_usdt").toString());
        assertEquals("168.9101", budget.get("total_value_usdt").toString());
        // 168.9101 / 1.08 = 156.398240740… ; P&L = 6.39824074 sur 150 = 4.27 %
        assertEquals("156.39824074", budget.get("total_value_eur").toString());
        assertEquals("6.39824074", budget.get("pnl_eur").toString());
        assertEquals("4.27", budget.get("pnl_pct").toString());
        assertEquals(1, budget.get("positions_count").asInt());

        JsonNode positions = getJson(app, "/api/positions");
        assertEquals("[{\"coin\":\"BTCUSDC\",\"quantity\":0.001,\"avg_entry_price\":90000,\"total_invested_usdt\":90,"
                + "\"current_price\":97000.1,\"value_usdt\":97.0001,\"pnl_usdt\":7.0001,\"pnl_pct\":7.78,"
                + "\"updated_at\":\"2026-11-24T12:00:00Z\"}]", positions.toString());

        HttpResponse<String> correction = app.send("PUT", "/api/budget/deposit", "{\"total_eur\": 120}");
        assertEquals("{\"ok\":true,\"total_deposited_eur\":120}", correction.body());
        budget = getJson(app, "/api/budget");
        assertEquals("71.91", budget.get("cash_usdt").toString(), "a correction moves no cash");
        assertEquals("120", budget.get("total_deposited_eur").toString());
        assertEquals("36.39824074", budget.get("pnl_eur").toString());
        assertEquals("30.33", budget.get("pnl_pct").toString());
    }

    @Test
    void pricesAreTheMarketPrices() {
        start(Map.of());
        assertEquals("{\"BTCUSDC\":97000.1,\"ETHUSDC\":3500.55,\"BNBUSDC\":650.3,\"SOLUSDC\":180.12,\"XRPUSDC\":2.3456,"
                + "\"EURUSDC\":1.08}", getJson(app, "/api/prices").toString());
    }

    @Test
    void whenTheExchangeFailsTheLastKnownValuesAreServedMarkedStale() {
        start(Map.of());
        JsonNode fresh = getJson(app, "/api/budget");
        binance.failWith(500);
        clock.advance(Duration.ofSeconds(61));
        JsonNode stale = getJson(app, "/api/budget");
        assertTrue(stale.get("prices_stale").asBoolean());
        assertEquals(fresh.get("total_value_eur"), stale.get("total_value_eur"));
        assertEquals(fresh.get("eurusdc_rate"), stale.get("eurusdc_rate"));
        assertEquals("97000.1", getJson(app, "/api/prices").get("BTCUSDC").toString());
    }

    @Test
    void anExchangeNeverReachedLeavesValuesUnknownButNeverFails() {
        binance.close();
        start(Map.of());
        JsonNode budget = getJson(app, "/api/budget");
        assertTrue(budget.get("prices_stale").asBoolean());
        assertTrue(budget.get("total_value_eur").isNull());
        assertTrue(budget.get("eurusdc_rate").isNull());
        assertEquals("100", budget.get("total_deposited_eur").toString());
        assertEquals("{}", getJson(app, "/api/prices").toString());
        // le dépôt est gardé en EUR, converti au premier cours connu
        assertEquals(200, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 25.5}").statusCode());
        assertEquals(List.of("25.5|null|null"), ApiClient.sql(app).list("SELECT amount_eur, eurusdc_rate, amount_usdt FROM deposits "
                + "WHERE kind = 'deposit'", rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)));
    }

    @Test
    void aLiveWalletDepositIsRecordedWhenTheFollowerSeesItArriveNeverBeforeNorTwice() {
        // LIVE_SIZING=wallet : le suiveur enregistre seul l'USDC qu'il voit arriver (un flux au cours du moment) ;
        // rien n'a encore été vu : la déclaration le dit et n'écrit rien (issue 35)
        start(Map.of("TRADING_MODE", "live", "BINANCE_API_KEY", "k", "BINANCE_API_SECRET", "s"));
        List<String> before = ApiClient.allCells(app);
        assertEquals("{\"ok\":true,\"total_deposited_eur\":100,\"already_seen_eur\":0,\"not_seen_yet_eur\":99999.5}",
                app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 99999.5}").body());
        assertEquals(before, ApiClient.allCells(app));
    }

    @Test
    void aLiveWalletDepositWithoutAnyKnownRateIsRefusedAndWritesNothing() {
        // Binance injoignable depuis le démarrage : aucun cours, le dépôt dit quoi faire et rien n'est écrit
        binance.failWith(503);
        start(Map.of("TRADING_MODE", "live", "BINANCE_API_KEY", "k", "BINANCE_API_SECRET", "s"));
        List<String> before = ApiClient.allCells(app);
        HttpResponse<String> answer = app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 99999.5}");
        assertEquals(503, answer.statusCode());
        assertTrue(answer.body().contains("try again in a minute"), answer.body());
        assertEquals(before, ApiClient.allCells(app));
    }

    @Test
    void statusFollowsTheAgentState() {
        start(Map.of());
        Sql sql = ApiClient.sql(app);
        sql.update("UPDATE agent_state SET paused = 1");
        assertEquals("PAUSED", getJson(app, "/api/budget").get("status").asText());
        sql.update("UPDATE agent_state SET dead = 1");
        assertEquals("DEAD", getJson(app, "/api/budget").get("status").asText());
        sql.update("DELETE FROM budget");
        JsonNode budget = getJson(app, "/api/budget");
        assertEquals("UNINITIALIZED", budget.get("status").asText());
        assertTrue(budget.get("total_deposited_eur").isNull());
        List<String> before = ApiClient.allCells(app);
        assertEquals(409, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 5}").statusCode());
        assertEquals(409, app.send("PUT", "/api/budget/deposit", "{\"total_eur\": 5}").statusCode());
        assertEquals(before, ApiClient.allCells(app));
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        start(Map.of());
        assertEquals(200, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 100000}").statusCode());
        assertEquals(200, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 0.01}").statusCode());
        assertEquals("{\"ok\":true,\"total_deposited_eur\":0}", app.send("PUT", "/api/budget/deposit", "{\"total_eur\": 0}").body());
        assertEquals(200, app.send("PUT", "/api/budget/deposit", "{\"total_eur\": 10000000}").statusCode());
        assertEquals(405, app.send("DELETE", "/api/budget/deposit", null).statusCode());
        assertEquals(405, app.send("GET", "/api/budget/deposit", null).statusCode());
        assertEquals(405, app.send("POST", "/api/budget", "{}").statusCode());
    }
}
