package com.calvalot.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SetupLog;

/**
 * Le passage de relais de l'installation, vu par des clients qui n'arrêtent pas de frapper pendant
 * l'enregistrement : dès que config.json est écrit, plus rien ne répond sans le nouveau mot de passe
 * (401, ou 503 JSON le temps que l'application se reconstruise), jamais un 200 ouvert, un 404, une
 * page HTML ni une connexion refusée.
 */
class SetupHandOverTest {

    record Seen(String what, long sentAt, int status, String type, String body) {
    }

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void fromTheSaveOnNothingAnswersWithoutTheNewPasswordAndThePortNeverCloses() throws Exception {
        try (FakeLeader leader = new FakeLeader(SetupApiTest.SECRET)) {
            Map<String, String> env = RunningApp.setupEnv(dir);
            env.put("POLL_INTERVAL_SECONDS", "3600");
            String base = "http://127.0.0.1:" + env.get("PORT");
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                String code = SetupLog.awaitCode(app);
                ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> hammers = new ArrayList<>();
                for (String what : List.of("GET /api/setup/status", "GET /api/budget", "POST /api/agent/toggle", "GET /setup",
                        "GET /health")) {
                    Thread thread = new Thread(() -> {
                        while (running.get()) {
                            seen.add(send(base, what));
                        }
                    }, "hammer " + what);
                    thread.start();
                    hammers.add(thread);
                }
                Await.until("the hammers at work", Duration.ofSeconds(10), () -> seen.size() > 50);

                HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(base + "/api/setup/save"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(SetupApiTest.form(code, leader.url())))).build(),
                        HttpResponse.BodyHandlers.ofString());
                long answeredAt = System.nanoTime();
                assertEquals("{\"success\":true}", saved.body());
                String auth = SetupApiTest.basic("calv", SetupApiTest.PASSWORD);
                Await.until("the rebuilt app behind the new password", Duration.ofSeconds(30), () -> send(base, "GET /api/budget", auth)
                        .status() == 200);
                int afterUp = seen.size();
                Await.until("a few more requests to the rebuilt app", Duration.ofSeconds(10), () -> seen.size() > afterUp + 50);
                running.set(false);
                for (Thread hammer : hammers) {
                    hammer.join();
                }

                List<String> wrong = new ArrayList<>();
                int unavailable = 0;
                int after = 0;
                for (Seen s : seen) {
                    if (s.status() < 0 || s.status() == 404 || s.type().contains("html") && !s.what().equals("GET /setup")) {
                        wrong.add(s.toString());
                    }
                    if (s.what().startsWith("POST") && s.status() == 200) {
                        wrong.add("an open toggle: " + s);
                    }
                    if (s.sentAt() > answeredAt) {
                        after++;
                        unavailable += s.status() == 503 ? 1 : 0;
                        boolean health = s.what().equals("GET /health");
                        boolean fine = s.status() == 401 || s.status() == 503 || health && s.status() == 200;
                        if (!fine || s.status() == 503 && !s.body().startsWith("{\"error\":")) {
                            wrong.add("after the save: " + s);
                        }
                    }
                }
                System.out.printf("Setup hand-over: %d requests, %d after the save's answer, %d of them 503 while rebuilding%n",
                        seen.size(), after, unavailable);
                assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong answers");
                assertTrue(after > 50, "too few requests after the save");
                assertEquals(200, send(base, "GET /api/setup/status", auth).status());
            }
        }
    }

    private Seen send(String base, String what) {
        return send(base, what, null);
    }

    private Seen send(String base, String what, String auth) {
        String[] parts = what.split(" ");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + parts[1])).timeout(Duration.ofSeconds(10));
        if (parts[0].equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"paused\": true}"));
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        long sentAt = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Seen(what, sentAt, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                    answer.body().length() > 120 ? answer.body().substring(0, 120) : answer.body());
        } catch (IOException e) {
            return new Seen(what, sentAt, -1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Seen(what, sentAt, -2, "", "interrupted");
        }
    }
}
