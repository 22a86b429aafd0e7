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
        // les champs de la spec, puis la copie parfaite (null : pas encore de signal suivi)
        assertEquals("{\"id\":3,\"total_value_eur\":2.5,\"portfolio_value_usdt\":0.3,\"cash_usdt\":107.1,"
                + "\"created_at\":\"2026-11-24T12:00:00Z\",\"perfect_value_eur\":null}", history.get(0).toString());
        assertEquals("2026-11-24T11:56:00Z", history.get(2).get("created_at").asText());
    }

    /** Un suiveur neuf (ou la démo, un instantané toutes les 5 s) voit chaque point dès le début. */
    @Test
    void underTheLimitEverySnapshotIsServedEvenCloseTogether() throws Exception {
        snapshots(10, Duration.ofSeconds(5));
        for (String period : new String[] {"1d", "1w", "1m", "1y"}) {
            assertEquals(10, getJson(app, "/api/budget/history?period=" + period + "&limit=1000").size(), period);
        }
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
    void aMonthAtOneSnapshotEveryTwoMinutesIsDownsampledInTimeSlicesAndBounded() throws Exception {
        snapshots(21_600, Duration.ofMinutes(2));
        JsonNode month = getJson(app, "/api/budget/history?period=1m");
        // 30 jours en tranches de 519 s (30 j / 5000) : au plus 5000 points, le plus récent gardé,
        // un point par tranche (le dernier instantané de la tranche : 4 ou 5 lignes de 2 min d'écart ;
        // les tranches sont alignées sur l'époque, la plus récente est entamée)
        assertTrue(month.size() <= 5000 && month.size() >= 4990, "size " + month.size());
        assertEquals("2026-11-24T12:00:00Z", month.get(0).get("created_at").asText());
        assertEquals(21_600, month.get(0).get("id").asInt());
        for (int i = 2; i < month.size(); i++) {
            long gap = month.get(i - 1).get("id").asLong() - month.get(i).get("id").asLong();
            assertTrue(gap == 4 || gap == 5, "gap " + gap + " at " + i);
        }
        // la page demande 1000 points : ils couvrent tout le mois, régulièrement
        JsonNode page = getJson(app, "/api/budget/history?period=1m&limit=1000");
        assertEquals(1000, page.size());
        Instant oldest = Instant.parse(page.get(999).get("created_at").asText());
        assertTrue(oldest.isBefore(NOW.minus(Duration.ofDays(29).plusHours(22))), "oldest " + oldest);
        JsonNode ten = getJson(app, "/api/budget/history?period=1m&limit=10");
        assertEquals(10, ten.size());
        assertEquals(21_600, ten.get(0).get("id").asInt());
        assertTrue(Instant.parse(ten.get(9).get("created_at").asText()).isBefore(NOW.minus(Duration.ofDays(23))));
        int all = getJson(app, "/api/budget/history?limit=999999").size();
        assertTrue(all <= 5000 && all >= 4990, "all " + all);
        assertEquals(1, getJson(app, "/api/budget/history?limit=1").size());
    }
}
