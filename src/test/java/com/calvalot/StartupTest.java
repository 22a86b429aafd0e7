package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SetupLog;

/** Le démarrage vu de l'extérieur : un vrai processus, son code de sortie et sa ligne d'erreur. */
class StartupTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1} stops start-up")
    @CsvSource(delimiter = '|', value = {
        "PORT|abc|PORT must be a whole number from 1 to 65535",
        "TRADING_MODE|yolo|TRADING_MODE must be dry_run or live",
        "POLL_INTERVAL_SECONDS|0|POLL_INTERVAL_SECONDS must be a whole number from 1 to 86400",
        "TRADING_MODE|live|BINANCE_API_KEY and BINANCE_API_SECRET are required when TRADING_MODE=live",
        "LEADER_URL|ftp://x|LEADER_URL must be an http(s)://host[:port] URL",
        "LEADER_URL|https://leader.example|SIGNAL_SECRET is required when LEADER_URL is set",
        "ROUTES_DIR|/nonexistent/routes|ROUTES_DIR must be a folder holding the *.yaml routes",
        "TZ|Mars/Olympus|TZ must be a time zone name such as UTC, Europe/Paris or America/New_York (the tz database), got 'Mars/Olympus'",
    })
    void aBadSettingStopsStartUpWithOneClearLine(String name, String value, String expected) {
        Map<String, String> env = RunningApp.setupEnv(dir);
        env.put(name, value);
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            int status = app.waitForExit(Duration.ofSeconds(60));
            assertNotEquals(0, status);
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), app.stderr());
            assertTrue(lines.get(0).startsWith("calv-a-lot: bad setting: " + expected), lines.get(0));
        }
        assertFalse(Files.exists(dir.resolve("calvalot.db")), "nothing starts half-configured");
    }

    /** --help, -h : l'aide, code 0 ; une faute de frappe : l'aide sur stderr, code 2 ; jamais de serveur ni de base. */
    @Test
    void argumentsOtherThanHashPasswordPrintTheUsageAndExit() {
        for (String argument : List.of("--help", "-h", "--hepl", "start")) {
            Map<String, String> env = RunningApp.env(dir);
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"), argument)) {
                boolean help = argument.equals("--help") || argument.equals("-h");
                assertEquals(help ? 0 : 2, app.waitForExit(Duration.ofSeconds(30)), argument);
                String shown = help ? app.stdout() : app.stderr();
                assertTrue(shown.contains("Usage: java -jar calv-a-lot.jar [command]"), argument + ": " + shown);
                assertTrue(shown.contains("hash-password") && shown.contains(".env.example"), shown);
                if (!help) {
                    assertEquals("calv-a-lot: unknown command '" + argument + "'", app.stderr().lines().findFirst().orElse(""));
                }
                assertFalse((app.stdout() + app.stderr()).contains("Setup:"), "no server, no setup code");
            }
            assertFalse(Files.exists(dir.resolve("calvalot.db")), argument + ": nothing created");
        }
    }

    /** En mode installation, rien n'est suivi : aucun appel à Binance, donc aucun avertissement Binance. */
    @Test
    void setupModeLogsNoBinanceWarning() {
        Map<String, String> env = RunningApp.setupEnv(dir);
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            SetupLog.awaitCode(app);
            // en mode installation, l'API ne répond pas (403) : le premier poll se lit dans la base
            Sql sql = new Sql(Database.open(dir.resolve("calvalot.db")));
            Await.until("a first poll (not_configured)", Duration.ofSeconds(60),
                    () -> sql.one("SELECT last_poll_time FROM agent_state WHERE id = 1", rs -> rs.getString(1)) != null);
            app.terminate();
            app.waitForExit(Duration.ofSeconds(30));
            assertFalse(app.stderr().contains("Binance"), app.stderr());
            assertFalse(app.stderr().contains("WARN"), app.stderr());
        }
    }

    /** Un système sans bibliothèque SQLite dans le jar : une ligne qui dit lesquels marchent, pas une pile. */
    @Test
    void aSystemWithoutSqliteLibraryIsRefusedWithOneLine() {
        Map<String, String> env = RunningApp.env(dir);
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"), List.of("-Dorg.sqlite.osinfo.architecture=sparc64"))) {
            assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), app.stderr());
            assertTrue(lines.get(0).startsWith("calv-a-lot: cannot start: this system (Linux sparc64) is not supported: "
                    + "the jar holds no SQLite library for it; Calv-a-lot runs on Linux x86_64, Linux aarch64"), lines.get(0));
            assertTrue(lines.get(0).contains("Linux armv7 (32-bit Raspberry Pi OS"), lines.get(0));
        }
        assertFalse(Files.exists(dir.resolve("calvalot.db")));
    }

    /** Un dossier de base impossible à créer : la ligne dit lequel, et pourquoi (pas seulement « /proc/nc »). */
    @Test
    void aDatabaseFolderThatCannotBeCreatedSaysWhatFailedAndWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "a file where a folder should be");
        Map<String, String> cases = Map.of(
                "/proc/nc/calvalot.db", "cannot create the folder /proc/nc: /proc does not accept new folders (no such file or directory)",
                file.resolve("data/calvalot.db").toString(), "cannot create the folder " + file.resolve("data") + ": " + file
                        + " is a file, not a folder");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Map<String, String> env = RunningApp.env(dir);
            env.put("DB_PATH", bad.getKey());
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
                List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(1, lines.size(), app.stderr());
                assertTrue(lines.get(0).startsWith("calv-a-lot: cannot start: DB_PATH (" + bad.getKey() + "): " + bad.getValue()
                        + "; choose a DB_PATH in a folder"), lines.get(0));
            }
        }
    }

    @Test
    void anInvalidRouteFileStopsStartUpWithOneClearLine() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("broken.camel.yaml"), "- route:\n    from: [this is: not a route\n");
        Map<String, String> env = RunningApp.env(dir);
        env.put("ROUTES_DIR", routes.toString());
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
            String last = app.stderr().lines().filter(l -> l.startsWith("calv-a-lot:")).reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("calv-a-lot: cannot start:"), app.stderr());
        }
    }

    @Test
    void startsAnswersHealthAndStopsCleanlyOnSigterm() throws Exception {
        Map<String, String> env = RunningApp.env(dir);
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + env.get("PORT") + "/health");
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            Await.until("/health to answer 200", Duration.ofSeconds(60), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (Exception notYet) {
                    return false;
                }
            });
            app.terminate();
            assertEquals(143, app.waitForExit(Duration.ofSeconds(30)), "the JVM exits on SIGTERM after its shutdown hooks");
            assertTrue(app.stdout().contains("shutdown") || app.stderr().contains("shutdown"),
                    "Camel logs its graceful shutdown");
            // la version du suiveur, pas seulement celle de Camel
            assertTrue(app.stderr().contains(" Calv-a-lot " + com.calvalot.AppVersion.project() + " on Apache Camel 4."),
                    app.stderr());
        }
        assertTrue(Database.answers(Database.open(dir.resolve("calvalot.db"))));
    }

    @Test
    void theFirstDepositIsMadeOnceAndDataSurvivesARestart() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("INITIAL_BUDGET_EUR", "250");
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals(200, app.get("/health").statusCode());
        }
        env.put("INITIAL_BUDGET_EUR", "999");
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals(200, app.get("/health").statusCode());
        }
        Sql sql = new Sql(Database.open(dir.resolve("calvalot.db")));
        assertEquals(List.of("250"), sql.list("SELECT amount_eur FROM deposits", rs -> rs.getString(1)));
        assertEquals("250", sql.one("SELECT total_deposited_eur FROM budget", rs -> rs.getString(1)));
    }

    @Test
    void healthAnswers503WhenTheDatabaseIsGone() throws Exception {
        Map<String, String> env = new HashMap<>(RunningApp.env(dir));
        try (RunningApp app = RunningApp.start(env)) {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("calvalot.db" + suffix));
            }
            HttpResponse<String> answer = app.get("/health");
            assertEquals(503, answer.statusCode());
            assertTrue(answer.body().contains("\"reason\":\"database unreachable\""), answer.body());
        }
    }
}
