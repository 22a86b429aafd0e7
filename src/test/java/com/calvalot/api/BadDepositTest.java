package com.calvalot.api;

import static com.calvalot.api.ApiClient.getJson;
import static com.calvalot.api.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.RunningApp;

/** Chaque mauvais corps de dépôt ou de correction : 400 JSON, et pas une cellule de la base ne bouge. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadDepositTest {

    @TempDir
    static Path dir;

    private final FakeBinance binance = new FakeBinance();
    private RunningApp app;

    @BeforeAll
    void start() {
        var env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        app = RunningApp.start(env);
        getJson(app, "/api/budget");
    }

    @AfterAll
    void stop() {
        app.close();
        binance.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "[]", "[{\"amount_eur\":5}]", "null", "5", "\"5\"", "{}", "{\"amount\":5}",
        "{\"amount_eur\":\"50\"}", "{\"amount_eur\":true}", "{\"amount_eur\":null}", "{\"amount_eur\":{\"v\":5}}",
        "{\"amount_eur\":[5]}", "{\"amount_eur\":NaN}", "{\"amount_eur\":Infinity}", "{\"amount_eur\":-Infinity}",
        "{\"amount_eur\":-5}", "{\"amount_eur\":0}", "{\"amount_eur\":-0.0}", "{\"amount_eur\":100000.01}",
        "{\"amount_eur\":1e309}", "{\"amount_eur\":1e999999999}", "{\"amount_eur\":1e-999999999}", "{\"amount_eur\":1e-9}",
        "{\"amount_eur\":5} x", "{\"amount_eur\":5,\"amount_eur\":6}", "{\"amount_eur\":5", "{'amount_eur':5}",
        "{\"amount_eur\":0x10}", "{\"amount_eur\":05}"})
    void aBadDepositIsRefusedWith400AndChangesNothing(String body) {
        List<String> before = ApiClient.allCells(app);
        HttpResponse<String> answer = app.send("POST", "/api/budget/deposit", body);
        assertEquals(400, answer.statusCode(), body + " → " + answer.body());
        String error = json(answer).get("error").asText();
        assertFalse(error.isBlank());
        assertFalse(answer.body().contains("Exception") || answer.body().contains("jackson") || answer.body().contains("at com."),
                answer.body());
        assertEquals(before, ApiClient.allCells(app));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"amount_eur\":5}", "{\"total_eur\":\"120\"}", "{\"total_eur\":-0.01}",
        "{\"total_eur\":10000000.01}", "{\"total_eur\":false}", "{\"total_eur\":NaN}"})
    void aBadCorrectionIsRefusedWith400AndChangesNothing(String body) {
        List<String> before = ApiClient.allCells(app);
        HttpResponse<String> answer = app.send("PUT", "/api/budget/deposit", body);
        assertEquals(400, answer.statusCode(), body + " → " + answer.body());
        assertEquals(before, ApiClient.allCells(app));
    }

}
