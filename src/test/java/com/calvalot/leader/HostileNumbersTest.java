package com.calvalot.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Des nombres hostiles du leader (1e-100000000, 1E+999999999) dans chaque champ numérique, par les vraies
 * routes : chaque signal est enregistré (aucun ne disparaît), refusé avec sa raison ou traité pour sa
 * valeur sans jamais être développé, et GET /api/signals répond toujours, même sur des lignes écrites
 * par une version plus ancienne.
 */
@Timeout(60) // un nombre développé tiendrait le processeur des minutes
class HostileNumbersTest {

    private static final String SECRET = "s3cret-shared-with-the-leader";
    private static final String TINY = "1e-100000000";
    private static final String HUGE = "1E+999999999";

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();
    private RunningApp app;

    @BeforeEach
    void start() {
        app = RunningApp.start(FakeLeader.followerEnv(dataDir, leader, SECRET, binance));
        app.poll(); // rejoint ou fait le premier cycle (204)
    }

    @AfterEach
    void stop() {
        app.close();
        leader.close();
        binance.close();
    }

    private JsonNode pollSignal(String id, String fields) {
        leader.publish("{\"signal_id\": \"" + id + "\", " + fields + "}");
        return app.poll();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private String column(String column, String id) {
        return app.sql().one("SELECT " + column + " FROM signals WHERE signal_id = ?", rs -> rs.getString(1), id);
    }

    private void assertRejected(String id, String fields, String reason) {
        JsonNode lastPoll = pollSignal(id, fields);
        assertEquals("rejected", lastPoll.path("status").asText(), id + ": " + lastPoll);
        assertEquals("rejected", column("status", id), id);
        assertTrue(column("error_message", id).contains(reason), id + ": " + column("error_message", id));
    }

    @Test
    void hugeNumbersAreRefusedWithAReasonAndRecorded() {
        assertRejected("huge-confidence", "\"confidence\": " + HUGE, "confidence must be from 0 to 1, got 1E+999999999");
        assertRejected("huge-pct", "\"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": " + HUGE + "}]",
                "actions[0].pct_of_capital must be from 0 to 1");
        assertRejected("huge-target", "\"version\": 2, \"portfolio_state\": {\"positions\": [{\"coin\": \"BTCUSDC\", "
                + "\"pct_of_portfolio\": " + HUGE + "}]}", "pct_of_portfolio must be from 0 to 1");
        assertRejected("huge-version", "\"version\": " + HUGE, "version must be a whole number");
        assertRejected("tiny-version", "\"version\": " + TINY, "version must be a whole number");
        assertRejected("negative-tiny", "\"confidence\": -" + TINY, "confidence must be from 0 to 1");
        // un nombre hostile dans un signal rejeté pour une autre raison est stocké borné
        assertRejected("bad-coin", "\"confidence\": " + TINY + ", \"actions\": [{\"coin\": \"DOGEUSDC\", \"action\": \"BUY\", "
                + "\"pct_of_capital\": " + HUGE + "}]", "actions[0].coin must be one of");
        int recorded = app.sql().one("SELECT count(*) FROM signals", rs -> rs.getInt(1));
        assertEquals(7, recorded, "no signal vanished");
        assertSignalsListAnswers(7);
    }

    @Test
    void tinyNumbersInRangeCountAsTheirValueWithoutBeingExpanded() {
        JsonNode confidence = pollSignal("tiny-confidence", "\"confidence\": " + TINY
                + ", \"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.5}]");
        assertEquals("executed", confidence.path("status").asText(), confidence.toString());
        assertEquals("0", column("confidence", "tiny-confidence"));

        // 1e-100000000 du capital : moins que tout montant, rien à faire
        JsonNode pct = pollSignal("tiny-pct", "\"actions\": [{\"coin\": \"ETHUSDC\", \"action\": \"BUY\", \"pct_of_capital\": " + TINY + "}]");
        assertEquals("executed", pct.path("status").asText(), pct.toString());
        assertEquals(0, pct.path("trades").asInt());

        // une cible minuscule compte pour 0 : le BTC acheté plus haut est vendu
        JsonNode target = pollSignal("tiny-target", "\"version\": 2, \"portfolio_state\": {\"positions\": ["
                + "{\"coin\": \"BTCUSDC\", \"pct_of_portfolio\": " + TINY + "}]}");
        assertEquals("executed", target.path("status").asText(), target.toString());
        assertEquals(1, target.path("trades").asInt());
        assertTrue(app.sql().one("SELECT max(length(actions) + length(coalesce(portfolio_state, ''))) FROM signals",
                rs -> rs.getInt(1)) < 200, "nothing stored expanded");

        JsonNode signals = assertSignalsListAnswers(3);
        assertEquals(0, signals.get(2).path("confidence").decimalValue().signum());
        assertEquals("0", signals.get(0).path("portfolio_state").path("positions").get(0).path("pct_of_portfolio").asText());
    }

    @Test
    void rowsStoredByAnOlderBuildNeverBreakTheSignalsList() {
        // l'ancienne version écrivait 1e-100000000 développé ; 200 000 chiffres suffisent à le montrer
        String expanded = "0." + "0".repeat(200_000) + "1";
        String oldActions = "[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0." + "0".repeat(5000) + "1}]";
        String oldState = "{\"positions\":[{\"coin\":\"BTCUSDC\",\"pct_of_portfolio\":1E-100000000}]}";
        app.sql().update("INSERT INTO signals (signal_id, version, confidence, actions, portfolio_state, status, received_at) "
                + "VALUES ('old-1', 1, ?, ?, ?, 'executed', '2026-11-01T00:00:00Z')", expanded, oldActions, oldState);
        app.sql().update("INSERT INTO signals (signal_id, version, confidence, actions, status, received_at) "
                + "VALUES ('old-2', 1, '1E+999999999', '[]', 'rejected', '2026-11-01T00:00:01Z')");

        JsonNode signals = assertSignalsListAnswers(2);
        for (JsonNode signal : signals) {
            assertTrue(signal.path("confidence").isNull(), signal.toString());
        }
    }

    private JsonNode assertSignalsListAnswers(int expected) {
        HttpResponse<String> answer = app.get("/api/signals?limit=100");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().length() < 20_000, "nothing expanded in the answer");
        JsonNode list = json(answer.body());
        assertEquals(expected, list.size(), answer.body());
        return list;
    }
}
