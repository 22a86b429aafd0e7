package com.calvalot.api;

import static com.calvalot.api.ApiClient.getJson;
import static com.calvalot.api.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;

/** /api/budget/history : périodes, limite, sous-échantillonnage régulier, 30 jours servis vite. */
class BudgetHistoryTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    private RunningApp app;

    @BeforeEach
    void start() {
        app = RunningApp.start(RunningApp.env(dir), new MutableClock(NOW));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** {@code count} instantanés, un toutes les {@code every}, le plus récent à NOW ; valeur = rang depuis le plus ancien. */
    private void snapshots(int count, Duration every) throws Exception {
        try (Connection connection = ApiClient.dataSource(app.settings().dbPath()).getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO portfolio_snapshots "
                    + "(total_value_eur, portfolio_value_usdt, cash_usdt, created_at) VALUES (?, ?, ?, ?)")) {
                for (int i = count - 1; i >= 0; i--) {
                    insert.setString(1, String.valueOf(count - 1 - i) + ".5");
                    insert.setString(2, "0.30000000");
                    insert.setString(3, "107.1");
                    insert.setString(4, Timestamps.format(NOW.minus(every.multipliedBy(i))));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    @Test
    void newestFirstWithTheSpecFields() throws Exception {
        snapshots(3, Duration.ofMinutes(2));
        JsonNode history = getJson(app, "/api/budget/history");
        assertEquals(3, history.size());
        assertEquals("{\"id\":3,\"total_value_eur\":2.5,\"portfolio_value_usdt\":0.3,\"cash_usdt\":107.1,"
                + "\"created_at\":\"2026-11-24T12:00:00Z\"}", history.get(0).toString());
        assertEquals("2026-11-24T11:56:00Z", history.get(2).get("created_at").asText());
    }

    @Test
    void periodKeepsOnlyTheRowsOfThatPeriod() throws Exception {
        snapshots(400, Duration.ofDays(1));
        assertEquals(2, getJson(app, "/api/budget/history?period=1d").size()); // aujourd'hui et hier à la même heure
        assertEquals(8, getJson(app, "/api/budget/history?period=1w").size());
        assertEquals(31, getJson(app, "/api/budget/history?period=1m").size());
        assertEquals(366, getJson(app, "/api/budget/history?period=1y").size());
        assertEquals(400, getJson(app, "/api/budget/history").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2d", "", "1D", "week", "1m;DROP TABLE portfolio_snapshots"})
    void anUnknownPeriodAnswers400(String period) {
        HttpResponse<String> answer = app.get("/api/budget/history?period=" + period.replace(" ", "%20").replace(";", "%3B"));
        assertEquals(400, answer.statusCode());
        assertEquals("period must be one of 1d, 1w, 1m, 1y", json(answer).get("error").asText());
    }

    @Test
    void aMonthAtOneSnapshotEveryTwoMinutesIsDownsampledEvenlyAndFast() throws Exception {
        snapshots(21_600, Duration.ofMinutes(2));
        getJson(app, "/api/budget/history?period=1m&limit=10"); // chauffe
        long start = System.nanoTime();
        JsonNode month = getJson(app, "/api/budget/history?period=1m");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(5000, month.size());
        assertTrue(millis < 1500, "1m history took " + millis + " ms");
        // le plus récent et le plus ancien sont gardés, les écarts sont réguliers (4 ou 5 lignes de 2 min)
        assertEquals("2026-11-24T12:00:00Z", month.get(0).get("created_at").asText());
        assertEquals(Timestamps.format(NOW.minus(Duration.ofMinutes(2L * 21_599))), month.get(4999).get("created_at").asText());
        for (int i = 1; i < month.size(); i++) {
            long gap = month.get(i - 1).get("id").asLong() - month.get(i).get("id").asLong();
            assertTrue(gap == 4 || gap == 5, "gap " + gap + " at " + i);
        }
        JsonNode ten = getJson(app, "/api/budget/history?period=1m&limit=10");
        assertEquals(10, ten.size());
        assertEquals(21_600, ten.get(0).get("id").asInt());
        assertEquals(1, ten.get(9).get("id").asInt());
        assertEquals(5000, getJson(app, "/api/budget/history?limit=999999").size());
    }
}
