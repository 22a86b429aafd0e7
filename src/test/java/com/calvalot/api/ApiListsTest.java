package com.calvalot.api;

import static com.calvalot.api.ApiClient.getJson;
import static com.calvalot.api.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.calvalot.db.Sql;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** /api/trades, /api/signals, /api/budget/withdrawals : champs, ordre, limites. */
class ApiListsTest {

    @TempDir
    Path dir;

    private RunningApp app;
    private Sql sql;

    @BeforeEach
    void start() {
        app = RunningApp.start(RunningApp.env(dir));
        sql = ApiClient.sql(app);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void trade(int n) {
        sql.update("INSERT INTO trades (signal_id, client_order_id, coin, action, amount_usdt, price, quantity, fee_usdt, "
                + "fee_asset, is_simulated, created_at) VALUES (?, ?, 'BTCUSDC', 'BUY', '10.5', '97019.5002', '0.00010822', "
                + "'0.0105', 'USDC', 1, ?)",
                "sig-" + n, "cid-" + n, String.format("2026-11-24T10:%02d:00Z", n % 60));
    }

    @Test
    void tradesAreNewestFirstWithExactNumbers() {
        trade(1);
        trade(2);
        JsonNode trades = getJson(app, "/api/trades");
        assertEquals(2, trades.size());
        JsonNode newest = trades.get(0);
        assertEquals("sig-2", newest.get("signal_id").asText());
        assertEquals("{\"id\":2,\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"amount_usdt\":10.5,\"price\":97019.5002,"
                + "\"quantity\":0.00010822,\"fee_usdt\":0.0105,\"fee_asset\":\"USDC\",\"signal_id\":\"sig-2\",\"is_simulated\":1,"
                + "\"created_at\":\"2026-11-24T10:02:00Z\"}", newest.toString());
    }

    @Test
    void limitDefaultsTo20AndIsLoweredTo100() {
        for (int i = 0; i < 105; i++) {
            trade(i);
        }
        assertEquals(20, getJson(app, "/api/trades").size());
        assertEquals(5, getJson(app, "/api/trades?limit=5").size());
        assertEquals(100, getJson(app, "/api/trades?limit=1000").size());
        assertEquals(100, getJson(app, "/api/trades?limit=99999999999").size());
        assertEquals(100, getJson(app, "/api/trades?limit=" + "9".repeat(40)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/trades?limit=0", "/api/trades?limit=-3", "/api/trades?limit=abc", "/api/trades?limit=2.5",
        "/api/trades?limit=", "/api/signals?limit=1e3", "/api/budget/withdrawals?limit=x",
        "/api/budget/history?limit=0", "/api/trades?limit=5&limit=6"})
    void aBadLimitAnswers400Json(String path) {
        HttpResponse<String> answer = app.get(path);
        assertEquals(400, answer.statusCode(), path);
        assertEquals("limit must be a whole number of at least 1", json(answer).get("error").asText());
    }

    @Test
    void signalsShowTheirActionsAndStateAsJson() {
        sql.update("INSERT INTO signals (signal_id, version, confidence, reasoning, actions, portfolio_state, status, "
                + "received_at, executed_at) VALUES ('s1', 2, '0.72', 'BTC <b>momentum</b>', "
                + "'[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.07}]', "
                + "'{\"positions\":[{\"coin\":\"BTCUSDC\",\"pct_of_portfolio\":0.22}]}', 'executed', "
                + "'2026-11-24T10:00:00Z', '2026-11-24T10:00:02Z')");
        sql.update("INSERT INTO signals (signal_id, status, error_message, received_at) "
                + "VALUES (NULL, 'rejected', 'signal_id is required', '2026-11-24T11:00:00Z')");
        JsonNode signals = getJson(app, "/api/signals");
        assertEquals(2, signals.size());
        assertEquals("{\"id\":2,\"signal_id\":null,\"version\":null,\"confidence\":null,\"reasoning\":null,\"actions\":[],"
                + "\"portfolio_state\":null,\"status\":\"rejected\",\"error_message\":\"signal_id is required\","
                + "\"received_at\":\"2026-11-24T11:00:00Z\",\"executed_at\":null,\"copy\":null}", signals.get(0).toString());
        assertEquals("{\"id\":1,\"signal_id\":\"s1\",\"version\":2,\"confidence\":0.72,\"reasoning\":\"BTC <b>momentum</b>\","
                + "\"actions\":[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.07}],"
                + "\"portfolio_state\":{\"positions\":[{\"coin\":\"BTCUSDC\",\"pct_of_portfolio\":0.22}]},"
                + "\"status\":\"executed\",\"error_message\":null,\"received_at\":\"2026-11-24T10:00:00Z\","
                + "\"executed_at\":\"2026-11-24T10:00:02Z\",\"copy\":null}", signals.get(1).toString());
    }

    @Test
    void withdrawalsListAndTotals() {
        assertEquals("{\"withdrawals\":[],\"total_usdt\":0,\"total_eur\":0}", getJson(app, "/api/budget/withdrawals").toString());
        sql.update("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, "
                + "positions_sold, status, is_simulated, created_at) VALUES ('10', '10.8', '10', '1.08', '[\"BTCUSDC\"]', "
                + "'completed', 1, '2026-11-20T10:00:00Z')");
        sql.update("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, "
                + "positions_sold, status, is_simulated, created_at) VALUES ('0.1', '0.2', '0.2', '1', '[]', "
                + "'completed', 1, '2026-11-21T10:00:00Z')");
        JsonNode answer = getJson(app, "/api/budget/withdrawals");
        assertEquals(2, answer.get("withdrawals").size());
        assertEquals("{\"id\":2,\"amount_eur_requested\":0.1,\"amount_usdt_sold\":0.2,\"amount_eur_received\":0.2,"
                + "\"eurusdc_rate\":1,\"positions_sold\":[],\"status\":\"completed\",\"is_simulated\":1,"
                + "\"created_at\":\"2026-11-21T10:00:00Z\",\"asset\":null,\"quantity\":null}", answer.get("withdrawals").get(0).toString());
        // 10.8 + 0.2 = 11 exactement (pas 11.000000000000002) ; les totaux comptent tous les retraits
        assertEquals("11", answer.get("total_usdt").toString());
        assertEquals("10.2", answer.get("total_eur").toString());
        assertEquals("11", getJson(app, "/api/budget/withdrawals?limit=1").get("total_usdt").toString());
        assertEquals("[\"BTCUSDC\"]", answer.get("withdrawals").get(1).get("positions_sold").toString());
    }
}
