package com.calvalot.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.MonthOfData;
import com.calvalot.support.RunningApp;

/**
 * Un mois de données (21 600 instantanés, 300 signaux, 3 000 trades) et 16 clients qui lisent les
 * appels de la page pendant 15 s, dans une JVM fille aux options du conteneur (-Xmx64m…) :
 * aucune erreur, aucun OutOfMemoryError, des réponses de taille bornée, la mémoire sous le plafond
 * du conteneur. Les débits et les temps sont dans bench/, pas ici.
 */
class MonthOfDataLoadTest {

    static final int CLIENTS = 16;
    static final Duration LOAD = Duration.ofSeconds(15);
    /** Les appels de la page (app.js), plus les autres périodes du graphique. */
    static final List<String> PAGE_CALLS = List.of("/api/agent/status", "/api/budget",
            "/api/budget/history?period=1m&limit=1000", "/api/positions", "/api/trades?limit=15", "/api/signals?limit=10",
            "/api/budget/history?period=1y&limit=1000", "/api/budget/history?period=1w&limit=1000",
            "/api/budget/history?period=1d&limit=1000", "/health");

    @TempDir
    Path dir;

    @Test
    void sixteenClientsReadAMonthOfDataInTheContainerHeapWithoutAnError() throws Exception {
        Path db = dir.resolve("data").resolve("calvalot.db");
        MonthOfData.fill(db, Instant.now());
        try (FakeBinance binance = new FakeBinance()) {
            Map<String, String> env = RunningApp.env(dir.resolve("data"));
            env.put("BINANCE_BASE_URL", binance.baseUrl());
            env.put("INITIAL_BUDGET_EUR", "1000");
            String base = "http://127.0.0.1:" + env.get("PORT");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                Await.until("/health to answer 200", Duration.ofSeconds(60), () -> status(http, base + "/health") == 200);

                AtomicLong ok = new AtomicLong();
                Map<String, Integer> largest = new ConcurrentHashMap<>();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                long deadline = System.nanoTime() + LOAD.toNanos();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int first = c;
                    Thread client = new Thread(() -> {
                        for (int n = first; System.nanoTime() < deadline && failures.size() < 20; n++) {
                            String path = PAGE_CALLS.get(n % PAGE_CALLS.size());
                            try {
                                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                                if (answer.statusCode() != 200) {
                                    failures.add(path + " answered " + answer.statusCode() + ": " + answer.body());
                                } else {
                                    ok.incrementAndGet();
                                    largest.merge(path, answer.body().length(), Math::max);
                                }
                            } catch (IOException | RuntimeException e) {
                                failures.add(path + " failed: " + e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    });
                    client.start();
                    clients.add(client);
                }
                for (Thread client : clients) {
                    client.join();
                }
                long peakKb = peakRssKb(app.pid());

                assertTrue(failures.isEmpty(), failures.size() + " failure(s), first: " + failures.peek());
                assertTrue(ok.get() > CLIENTS * PAGE_CALLS.size(), "only " + ok.get() + " answers");
                assertTrue(app.isAlive(), "the app died under load");
                String logs = app.stdout() + app.stderr();
                assertFalse(logs.contains("OutOfMemoryError"), "OutOfMemoryError in the log");
                assertFalse(logs.contains("Exception"), "an exception in the log");
                // la réponse du mois est bornée par limit, et couvre bien tout le mois
                var month = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/budget/history?period=1m&limit=1000")).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertTrue(month.size() <= 1000, "month answer " + month.size());
                assertTrue(Instant.parse(month.get(month.size() - 1).get("created_at").asText())
                        .isBefore(Instant.now().minus(Duration.ofDays(29))));
                assertTrue(largest.get("/api/budget/history?period=1m&limit=1000") < 200_000, largest.toString());
                // sous le plafond du conteneur (mem_limit 192m), avec de la marge
                assertTrue(peakKb < 192 * 1024, "peak RSS " + peakKb / 1024 + " MiB");
            }
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** VmHWM : le plus haut RSS du processus depuis son départ. */
    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
