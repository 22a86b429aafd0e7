package com.calvalot.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** Ce que les tests de reprise partagent : l'environnement, le poll à la main, les fichiers du dossier. */
final class TakeoverFixture {

    static final String SECRET = "takeover-test-signal-secret";

    private TakeoverFixture() {
    }

    static Map<String, String> env(Path dir, FakeLeader leader, FakeBinance binance) {
        Map<String, String> env = new HashMap<>(RunningApp.env(dir));
        env.putAll(FakeLeader.env(leader, SECRET));
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("POLL_INTERVAL_SECONDS", "3600"); // les cycles sont lancés par POST /api/agent/poll
        return env;
    }

    static String v1Signal(String id, String coin, String action, String pct) {
        return "{\"signal_id\": \"" + id + "\", \"version\": 1, \"confidence\": 0.6, \"reasoning\": \"test\", "
                + "\"actions\": [{\"coin\": \"" + coin + "\", \"action\": \"" + action + "\", \"pct_of_capital\": " + pct + "}]}";
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static JsonNode get(RunningApp app, String path) {
        var answer = app.get(path);
        assertEquals(200, answer.statusCode(), path + " → " + answer.body());
        return json(answer.body());
    }

    static JsonNode poll(RunningApp app) {
        var answer = app.send("POST", "/api/agent/poll", null);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer.body());
    }

    /** Démarre et laisse finir le premier cycle du minuteur : chaque poll à la main en lance ensuite un. */
    static RunningApp startAfterFirstPoll(Map<String, String> env) {
        RunningApp app = RunningApp.start(env);
        Await.until("the timer's first poll", Duration.ofSeconds(20),
                () -> !get(app, "/api/agent/status").path("last_poll_time").isNull());
        poll(app);
        return app;
    }

    static int count(RunningApp app, String query) {
        return app.sql().one(query, rs -> rs.getInt(1));
    }

    /** Les fichiers du dossier dont le nom commence par {@code prefix}, triés. */
    static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
