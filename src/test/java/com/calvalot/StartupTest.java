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
