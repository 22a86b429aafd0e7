package com.calvalot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.budget.SnapshotRetention;
import com.calvalot.db.Database;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La rétention : une base qui a tourné plus d'un an (un instantané toutes les 2 minutes) est
 * éclaircie au démarrage ; chaque période de l'historique couvre encore ce que dit son nom.
 */
class HistoryRetentionTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    /** 400 jours : un instantané toutes les 2 minutes sur les 40 derniers, toutes les 30 avant ; le plus récent à NOW. */
    private void fourHundredDays(Path db) throws Exception {
        Database.open(db);
        try (Connection connection = ApiClient.dataSource(db).getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO portfolio_snapshots "
                    + "(total_value_eur, portfolio_value_usdt, cash_usdt, created_at) VALUES ('100.5', '50', '50.5', ?)")) {
                for (long minutes = 400L * 24 * 60; minutes >= 0; minutes -= minutes > 40L * 24 * 60 ? 30 : 2) {
                    insert.setString(1, Timestamps.format(NOW.minus(Duration.ofMinutes(minutes))));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    @Test
    void aYearOfSnapshotsIsThinnedAtStartAndEveryPeriodStillShowsItsWholeSpan() throws Exception {
        Path db = dir.resolve("data").resolve("calvalot.db");
        fourHundredDays(db);
        try (RunningApp app = RunningApp.start(RunningApp.env(dir.resolve("data")), new MutableClock(NOW))) {
            var sql = app.sql();
            long lastTwoDays = sql.one("SELECT count(*) FROM portfolio_snapshots WHERE created_at >= ?",
                    rs -> rs.getLong(1), Timestamps.format(NOW.minus(Duration.ofDays(2))));
            long month = sql.one("SELECT count(*) FROM portfolio_snapshots WHERE created_at >= ? AND created_at < ?",
                    rs -> rs.getLong(1), Timestamps.format(NOW.minus(Duration.ofDays(30))), Timestamps.format(NOW.minus(Duration.ofDays(2))));
            long year = sql.one("SELECT count(*) FROM portfolio_snapshots WHERE created_at < ?",
                    rs -> rs.getLong(1), Timestamps.format(NOW.minus(Duration.ofDays(30))));
            long total = sql.one("SELECT count(*) FROM portfolio_snapshots", rs -> rs.getLong(1));
            // chaque poll sur 2 jours, une par heure sur 28 jours, une par jour sur 335 jours
            assertEquals(2 * 720 + 1, lastTwoDays);
            assertEquals(28 * 24, month, "hourly rows");
            assertTrue(year >= 335 && year <= 336, "daily rows: " + year);
            assertTrue(total < 2_500, "total " + total);
            String oldest = sql.one("SELECT min(created_at) FROM portfolio_snapshots", rs -> rs.getString(1));
            assertTrue(Instant.parse(oldest).isAfter(NOW.minus(Duration.ofDays(365))), oldest);
            // le dernier instantané de chaque heure (de chaque jour) est celui qui reste
            assertEquals(1L, (long) sql.<Long>one("SELECT count(*) FROM portfolio_snapshots WHERE created_at = '2026-11-10T05:58:00Z'",
                    rs -> rs.getLong(1)));
            assertEquals(1L, (long) sql.<Long>one("SELECT count(*) FROM portfolio_snapshots WHERE created_at = '2026-06-01T23:30:00Z'",
                    rs -> rs.getLong(1)));

            JsonNode oneYear = ApiClient.getJson(app, "/api/budget/history?period=1y");
            assertTrue(Instant.parse(oneYear.get(oneYear.size() - 1).get("created_at").asText())
                    .isBefore(NOW.minus(Duration.ofDays(363))));
            JsonNode oneMonth = ApiClient.getJson(app, "/api/budget/history?period=1m&limit=1000");
            assertTrue(Instant.parse(oneMonth.get(oneMonth.size() - 1).get("created_at").asText())
                    .isBefore(NOW.minus(Duration.ofDays(29))));

            // rejoué (la tâche horaire), l'éclaircissement ne retire plus rien
            assertEquals(0, app.context().getRegistry().lookupByNameAndType("snapshotRetention", SnapshotRetention.class).thin());
        }
    }
}
