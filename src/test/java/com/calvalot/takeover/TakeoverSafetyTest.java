package com.calvalot.takeover;

import static com.calvalot.takeover.TakeoverFixture.bytes;
import static com.calvalot.takeover.TakeoverFixture.count;
import static com.calvalot.takeover.TakeoverFixture.files;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.OriginalFollowerDb;
import com.calvalot.support.RunningApp;

/**
 * Ce qui ne doit jamais abîmer la base d'un utilisateur : un kill -9 au milieu de la reprise, une
 * ligne illisible, un fichier étranger ou d'une forme inconnue. L'original reste tel qu'il était,
 * le démarrage s'arrête sur une ligne claire, et le suivant recommence de zéro.
 */
class TakeoverSafetyTest {

    @TempDir
    Path dir;

    private final FakeLeader leader = new FakeLeader(TakeoverFixture.SECRET);
    private final FakeBinance binance = new FakeBinance();

    @AfterEach
    void stop() {
        leader.close();
        binance.close();
    }

    private Path db() {
        return dir.resolve("calvalot.db");
    }

    private Map<String, String> env() {
        return TakeoverFixture.env(dir, leader, binance);
    }

    @Test
    void killedMidTakeoverTheOriginalIsAsItWasAndTheNextStartTakesItOver() {
        // un vrai mois : 21 600 instantanés, des milliers de trades ; la JVM fille a les options du conteneur
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            original.realisticMonth(21_600).moreTrades(3_000);
        }
        byte[] before = bytes(db());
        String logs;
        try (ChildProcess first = ChildProcess.start(env(), dir.resolve("logs"),
                List.of("-D" + OriginalTakeover.TEST_PAUSE_PROPERTY + "=120000"))) {
            Await.until("the takeover paused mid-transaction", Duration.ofSeconds(60),
                    () -> (first.stdout() + first.stderr()).contains(OriginalTakeover.TEST_PAUSE_LINE));
            first.kill();
            logs = first.stdout() + first.stderr();
        }
        assertTrue(!logs.contains("Took over"), logs);
        // tout était dans la transaction non validée : le fichier principal n'a pas changé d'un octet
        assertArrayEquals(before, bytes(db()), "the original file is unchanged after kill -9");
        assertEquals(List.of(), files(dir, "calvalot.db.original-").stream()
                .filter(f -> f.toString().contains(".partial")).toList());

        Map<String, String> env = env();
        try (ChildProcess second = ChildProcess.start(env, dir.resolve("logs"))) {
            Await.until("the takeover done and /health up", Duration.ofSeconds(90), () -> healthy(env.get("PORT")));
            String took = (second.stdout() + second.stderr()).lines().filter(l -> l.contains("Took over")).findFirst().orElse("");
            assertTrue(took.contains("Took over the original follower's database: 91 signals, 3,082 trades, 3 positions, "
                    + "21,600 snapshots, 1 withdrawals (backup: calvalot.db.original-"), took);
            second.terminate();
            second.waitForExit(Duration.ofSeconds(30));
        }
        // la copie de la tentative tuée était déjà complète et vérifiée ; chaque copie est l'original (la
        // seconde emporte aussi le -wal laissé par la transaction tuée : des pages jamais validées, ignorées)
        List<Path> backups = files(dir, "calvalot.db.original-").stream().filter(f -> !f.toString().endsWith("-wal")).toList();
        assertEquals(2, backups.size(), backups.toString());
        backups.forEach(backup -> assertArrayEquals(before, bytes(backup), backup.toString()));
    }

    @Test
    void anUnreadableRowStopsTheTakeoverChangesNothingAndTheNextStartTriesAgain() throws SQLException {
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            original.realisticMonth(500);
            original.sql("UPDATE trades SET price = 'n/a' WHERE id = 7");
        }
        byte[] before = bytes(db());

        TakeoverException refused = assertThrows(TakeoverException.class, () -> RunningApp.start(env()));
        assertEquals("cannot take over the original follower's database at DB_PATH (" + db() + "): row id=7 of trades: "
                + "price holds 'n/a', not a number; nothing was changed, the next start tries again", refused.getMessage());
        assertArrayEquals(before, bytes(db()));
        assertEquals(List.of(), files(dir, "calvalot.db.original-"), "no backup left by a failed attempt");

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE trades SET price = 97000.1 WHERE id = 7");
        }
        try (RunningApp app = RunningApp.start(env())) {
            assertEquals("97000.1", app.sql().one("SELECT price FROM trades WHERE id = 7", rs -> rs.getString(1)));
        }
    }

    /**
     * L'ancien suiveur, installé par sa page, écrivait TRADING_MODE=live dans config.json mais son
     * docker-compose.yml posait TRADING_MODE=dry_run, qui gagnait : il n'a jamais simulé que des ordres.
     * Ce « live » jamais appliqué ne devient pas des ordres réels à la reprise sans qu'on le dise.
     */
    @Test
    void aLiveModeTheOriginalNeverAppliedIsRefusedUntilTheEnvironmentSaysSo() throws Exception {
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            original.realisticMonth(200);
        }
        Files.writeString(dir.resolve("config.json"), "{\n  \"LEADER_URL\": \"" + leader.url() + "\",\n  \"SIGNAL_SECRET\": \""
                + TakeoverFixture.SECRET + "\",\n  \"BINANCE_API_KEY\": \"orig-key\",\n  \"BINANCE_API_SECRET\": \"orig-key-secret\",\n"
                + "  \"BINANCE_TESTNET\": \"false\",\n  \"TRADING_MODE\": \"live\",\n  \"INITIAL_BUDGET_EUR\": \"100\"\n}");
        byte[] before = bytes(db());
        Map<String, String> env = env();
        env.remove("TRADING_MODE");

        TakeoverException refused = assertThrows(TakeoverException.class, () -> RunningApp.start(env));
        assertEquals("cannot take over the original follower's database at DB_PATH (" + db() + "): TRADING_MODE is live "
                + "only in config.json, which the original follower never read (its docker-compose.yml set TRADING_MODE=dry_run) "
                + "and it only ever simulated orders; set TRADING_MODE=live in the environment (.env) to trade real money from "
                + "now on, or TRADING_MODE=dry_run to keep simulating; nothing was changed, the next start tries again",
                refused.getMessage());
        assertArrayEquals(before, bytes(db()));
        assertEquals(List.of(), files(dir, "calvalot.db.original-"));
        assertEquals(0, binance.calls("/api/v3/order"), "no order");

        // dry_run dit dans l'environnement : la reprise se fait, en simulation
        env.put("TRADING_MODE", "dry_run");
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals("dry_run", TakeoverFixture.get(app, "/api/agent/status").path("mode").asText());
            assertEquals(1, files(dir, "calvalot.db.original-").size());
        }
    }

    @Test
    void aForeignDatabaseStopsStartUpWithOneLineAndIsLeftUntouched() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            statement.execute("INSERT INTO notes (body) VALUES ('my shopping list')");
        }
        byte[] before = bytes(db());
        try (ChildProcess app = ChildProcess.start(env(), dir.resolve("logs"))) {
            assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(List.of("calv-a-lot: cannot start: DB_PATH (" + db() + ") holds a SQLite database that is "
                    + "neither Calv-a-lot's nor the original follower's (tables: notes); it was left untouched"), lines);
        }
        assertArrayEquals(before, bytes(db()));
        assertEquals(List.of(), files(dir, "calvalot.db.original-"));
    }

    @Test
    void aFileThatIsNotADatabaseOrAnOriginalOfUnknownShapeIsRefusedUntouched() throws Exception {
        Files.writeString(db(), "DB_PATH pointed at my notes by mistake\n");
        assertRefused("DB_PATH (" + db() + ") is not a SQLite database; it was left untouched");
        Files.delete(db());

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement()) {
            // une version de l'ancien suiveur qu'on ne connaît pas : trades sans fee_usdt, l'argent en TEXT
            for (String table : List.of("budget", "positions", "signals", "budget_snapshots", "withdrawals")) {
                statement.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)");
            }
            statement.execute("CREATE TABLE trades (id INTEGER PRIMARY KEY, coin TEXT, action TEXT, amount_usdt TEXT, "
                    + "price REAL, quantity REAL, signal_id TEXT, is_simulated INTEGER, created_at TEXT)");
        }
        String refused = assertRefused(null);
        assertTrue(refused.startsWith("DB_PATH (" + db() + ") looks like the original follower's database but its shape "
                + "is unknown (budget lacks "), refused);
        assertTrue(refused.contains("trades lacks fee_usdt; trades.amount_usdt is TEXT, not REAL"), refused);
        assertTrue(refused.endsWith("; it was left untouched"), refused);
    }

    private static boolean healthy(String port) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Le démarrage refusé, le fichier identique, aucune copie ; renvoie le message. */
    private String assertRefused(String expected) throws IOException {
        byte[] before = Files.readAllBytes(db());
        TakeoverException refused = assertThrows(TakeoverException.class, () -> RunningApp.start(env()));
        if (expected != null) {
            assertEquals(expected, refused.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(db()));
        assertEquals(List.of(), files(dir, "calvalot.db.original-"));
        return refused.getMessage();
    }
}
