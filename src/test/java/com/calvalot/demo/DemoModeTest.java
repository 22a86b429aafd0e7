package com.calvalot.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** DEMO=true : tout le cycle (vraie route de poll, vrai flux de trading) contre le leader et le marché simulés. */
class DemoModeTest {

    @TempDir
    Path dataDir;

    private static JsonNode get(RunningApp app, String path) {
        try {
            var answer = app.get(path);
            assertEquals(200, answer.statusCode(), path + " → " + answer.body());
            return Json.MAPPER.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long executed(JsonNode signals) {
        long count = 0;
        for (JsonNode signal : signals) {
            count += "executed".equals(signal.path("status").asText()) ? 1 : 0;
        }
        return count;
    }

    @Test
    void theDemoFollowsItsLeaderOnItsOwnDatabaseAndLeavesTheRealOneAlone() throws Exception {
        Map<String, String> env = new HashMap<>(RunningApp.env(dataDir));
        Path realDb = Path.of(env.get("DB_PATH"));
        RunningApp.start(env).close(); // la vraie base d'un suiveur existe déjà
        byte[] realBefore = Files.readAllBytes(realDb);

        env.put("DEMO", "true");
        env.remove("BINANCE_BASE_URL"); // la démo n'a besoin d'aucune bourse
        try (RunningApp app = RunningApp.start(env)) {
            JsonNode status = get(app, "/api/agent/status");
            assertTrue(status.path("demo").asBoolean());
            assertEquals("***", status.path("leader_url").asText());
            assertTrue(get(app, "/api/budget").path("demo").asBoolean());

            Await.until("two executed signals", Duration.ofSeconds(60),
                    () -> executed(get(app, "/api/signals")) >= 2);
            Await.until("trades", Duration.ofSeconds(30), () -> get(app, "/api/trades").size() > 0);
            Await.until("positions", Duration.ofSeconds(30), () -> get(app, "/api/positions").size() > 0);
            Await.until("a moving chart", Duration.ofSeconds(30),
                    () -> get(app, "/api/budget/history?period=1d").size() >= 3);
            assertEquals(dataDir.resolve("demo.db").toAbsolutePath(), app.settings().dbPath());
        }
        assertArrayEquals(realBefore, Files.readAllBytes(realDb), "the real database is untouched");
    }

    @Test
    void liveTradingIsRefusedInDemo() {
        Map<String, String> env = new HashMap<>(RunningApp.env(dataDir));
        env.put("DEMO", "true");
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", "k");
        env.put("BINANCE_API_SECRET", "s");
        var error = org.junit.jupiter.api.Assertions.assertThrows(com.calvalot.config.SettingsException.class,
                () -> RunningApp.start(env));
        assertTrue(error.getMessage().contains("DEMO=true runs in dry_run only"));
    }
}
