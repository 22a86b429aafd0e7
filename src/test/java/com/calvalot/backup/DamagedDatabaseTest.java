package com.calvalot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.AppVersion;
import com.calvalot.budget.BudgetInitializer;
import com.calvalot.config.Settings;
import com.calvalot.db.BackupFolder;
import com.calvalot.db.ConnectionPool;
import com.calvalot.db.Database;
import com.calvalot.db.DatabaseCopy;
import com.calvalot.db.StartupIntegrity;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.MonthOfData;
import com.calvalot.support.RunningApp;

/**
 * Une carte SD qui s'use (issue 29, point 3) : une base abîmée arrête le démarrage en une ligne qui
 * nomme la dernière bonne copie et la façon de la restaurer ; la copie posée en restore.db repart.
 */
class DamagedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedDatabaseStopsStartUpWithOneLineNamingTheLastGoodBackupAndRestoringItIsOneStep() throws Exception {
        Path db = dir.resolve("calvalot.db");
        Path backups = dir.resolve("backups");
        Path good = new BackupFolder(backups).daily(LocalDate.of(2026, 12, 5));
        DataSource dataSource = Database.open(db);
        BudgetInitializer.ensure(dataSource, Settings.from(Map.of("DB_PATH", db.toString()), AppVersion.project()),
                Clock.systemUTC());
        DatabaseCopy.write(dataSource, good);
        // une copie plus récente, elle-même abîmée : la « dernière bonne » est celle d'avant
        Files.writeString(new BackupFolder(backups).daily(LocalDate.of(2026, 12, 6)), "garbage, not SQLite");
        ((ConnectionPool) dataSource).close();
        damage(db);

        Map<String, String> env = RunningApp.env(dir);
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            assertEquals(1, app.waitForExit(Duration.ofSeconds(60)));
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), app.stderr());
            String line = lines.get(0);
            assertTrue(line.startsWith("calv-a-lot: cannot start: the database " + db + " is damaged ("), line);
            assertTrue(line.contains("; the last good backup is " + good + "; to restore it: copy it to "
                    + dir.resolve("restore.db") + " "), line);
        }
        byte[] damaged = Files.readAllBytes(db);

        // la restauration : la copie posée en restore.db, puis un démarrage
        Files.copy(good, dir.resolve("restore.db"));
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals(200, app.get("/health").statusCode());
            assertEquals(Integer.valueOf(1), app.sql().one("SELECT count(*) FROM budget", rs -> rs.getInt(1)));
        }
        assertFalse(Files.exists(dir.resolve("restore.db")));
        try (var files = Files.list(dir)) {
            Path kept = files.filter(f -> f.getFileName().toString().startsWith("calvalot.db.before-restore-")
                    && !f.getFileName().toString().endsWith("-wal")).findFirst().orElse(null);
            assertNotNull(kept, "the damaged file is kept beside the database");
            assertTrue(java.util.Arrays.equals(damaged, Files.readAllBytes(kept)), "the damaged file is never modified");
        }
    }

    @Test
    void theCheckIsQuickOnAMonthOfData() throws Exception {
        Path db = dir.resolve("calvalot.db");
        MonthOfData.fill(db, Instant.now());
        long size = Files.size(db) + Files.size(dir.resolve("calvalot.db-wal"));
        long start = System.nanoTime();
        StartupIntegrity.requireIntact(db, new BackupFolder(dir.resolve("backups")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Integrity check (quick_check) of a month of data (%d bytes with its WAL): %d ms%n", size, ms);
        assertTrue(ms < 5_000, "quick_check took " + ms + " ms");
    }

    /** Des octets au hasard au milieu du fichier : des pages de tables et d'index cassées. */
    static void damage(Path db) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            long pages = file.length() / 4096;
            java.util.Random random = new java.util.Random(29);
            for (long page = 2; page < pages; page++) {
                byte[] junk = new byte[4096];
                random.nextBytes(junk);
                file.seek(page * 4096);
                file.write(junk);
            }
        }
    }
}
