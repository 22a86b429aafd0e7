package com.calvalot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.DatabaseCopy;
import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.MonthOfData;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les copies de la base (issue 29, point 1) : la copie de la nuit (0600, vérifiée, visible dans
 * /api/backup/latest), le téléchargement derrière le mot de passe, cohérent pendant que l'application
 * écrit, et ce que coûte une copie d'un mois de données au poll et au trading (les écritures qui
 * arrivent pendant la copie).
 */
class BackupTest {

    static final String FAST_PBKDF2 = "pbkdf2:sha256:1000$saltsalt$a900cf4996b73ab9b2cbda0ad4fbb464b2f03f64afce6c77caef0ebc376afc9d";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("calv:correct horse".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @BeforeEach
    void fastCheck() {
        System.setProperty("calvalot.backup.checkMs", "200");
    }

    @AfterEach
    void normalCheck() {
        System.clearProperty("calvalot.backup.checkMs");
    }

    private Map<String, String> env() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        return env;
    }

    @Test
    void theNightlyCopyIsPrivateCheckedAndShownWithItsFolder() throws Exception {
        Map<String, String> env = env();
        env.put("BACKUP_AT", "00:00");
        env.put("BACKUP_DIR", dir.resolve("usb/backups").toString());
        try (RunningApp app = RunningApp.start(env)) {
            Path today = dir.resolve("usb/backups/calvalot-" + LocalDate.now(ZoneId.systemDefault()) + ".db");
            Await.until("the nightly copy", Duration.ofSeconds(20), () -> Files.exists(today));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(today)));
            assertNull(DatabaseCopy.quickCheck(today));
            assertEquals(1, count(today, "SELECT count(*) FROM budget"));
            HttpResponse<String> latest = app.send(HttpRequest.newBuilder(app.uri("/api/backup/latest")).header("Authorization", AUTH).GET());
            assertEquals(200, latest.statusCode(), latest.body());
            JsonNode body = Json.MAPPER.readTree(latest.body());
            assertEquals(today.toString(), body.path("last").path("file").asText());
            assertEquals(dir.resolve("usb/backups").toString(), body.path("dir").asText());
            assertEquals("00:00", body.path("nightly_at").asText());
            // une seule copie par jour, même si le minuteur repasse
            Thread.sleep(600);
            try (var files = Files.list(today.getParent())) {
                assertEquals(1, files.count());
            }
        }
    }

    @Test
    void theDownloadNeedsThePasswordAndIsConsistentWhileTheAppWrites() throws Exception {
        Map<String, String> env = env();
        env.put("BACKUP_AT", "off");
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals(401, app.get("/api/backup").statusCode());
            app.sql().update("CREATE TABLE pairs (id INTEGER PRIMARY KEY, pad TEXT)");
            // des écritures par paires (une transaction pour deux lignes) pendant toute la copie : une
            // copie cohérente a toujours un nombre pair de lignes
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    app.sql().inTransaction(tx -> {
                        tx.update("INSERT INTO pairs (pad) VALUES (randomblob(2000))");
                        tx.update("INSERT INTO pairs (pad) VALUES (randomblob(2000))");
                    });
                    written.incrementAndGet();
                }
            });
            writer.start();
            Await.until("writes under way", Duration.ofSeconds(10), () -> written.get() > 50);
            Path downloaded = dir.resolve("downloaded.db");
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/api/backup"))
                    .header("Authorization", AUTH).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                Files.copy(body, downloaded, StandardCopyOption.REPLACE_EXISTING);
            }
            writing.set(false);
            writer.join();
            assertEquals(200, answer.statusCode());
            assertEquals("application/vnd.sqlite3", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.headers().firstValue("Content-Disposition").orElse("")
                    .matches("attachment; filename=\"calvalot-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z\\.db\""),
                    answer.headers().firstValue("Content-Disposition").orElse(""));
            assertNull(DatabaseCopy.quickCheck(downloaded));
            long rows = count(downloaded, "SELECT count(*) FROM pairs");
            assertTrue(rows > 0 && rows % 2 == 0, "a consistent copy holds whole transactions, got " + rows + " rows");
            // le fichier temporaire du téléchargement ne reste pas
            Await.until("the temporary copy removed", Duration.ofSeconds(5), () -> {
                try (var files = Files.list(dir.resolve("backups"))) {
                    return files.findAny().isEmpty();
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    /** Un mois de données : la durée de la copie et la plus longue écriture pendant qu'elle se fait. */
    @Test
    void aMonthOfDataIsCopiedWithoutHoldingWritesBack() throws Exception {
        MonthOfData.fill(dir.resolve("calvalot.db"), Instant.now());
        Map<String, String> env = env();
        env.put("BACKUP_AT", "off");
        try (RunningApp app = RunningApp.start(env)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong longestWriteNanos = new AtomicLong();
            AtomicInteger writes = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    long start = System.nanoTime();
                    // ce qu'écrit un poll : la ligne agent_state
                    app.sql().update("UPDATE agent_state SET last_poll_time = ? WHERE id = 1", System.currentTimeMillis() / 1000);
                    longestWriteNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    writes.incrementAndGet();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // une première requête chauffe le chemin HTTP (JIT, authentification) : on mesure la copie
            assertEquals(200, app.send(HttpRequest.newBuilder(app.uri("/api/backup/latest")).header("Authorization", AUTH).GET())
                    .statusCode());
            writer.start();
            long start = System.nanoTime();
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/api/backup"))
                    .header("Authorization", AUTH).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            Path downloaded = dir.resolve("month.db");
            try (InputStream body = answer.body()) {
                Files.copy(body, downloaded);
            }
            long backupMs = (System.nanoTime() - start) / 1_000_000;
            writing.set(false);
            writer.join();
            long longestMs = longestWriteNanos.get() / 1_000_000;
            System.out.printf("Backup of a month of data (%d bytes): %d ms; %d writes meanwhile, the longest %d ms%n",
                    Files.size(downloaded), backupMs, writes.get(), longestMs);
            assertEquals(MonthOfData.SIGNALS * MonthOfData.TRADES_PER_SIGNAL, count(downloaded, "SELECT count(*) FROM trades"));
            assertTrue(backupMs < 10_000, "backup took " + backupMs + " ms");
            assertTrue(longestMs < 1_000, "a write waited " + longestMs + " ms during the backup");
        }
    }

    static long count(Path db, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
