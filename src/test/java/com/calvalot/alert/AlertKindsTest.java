package com.calvalot.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Chaque type d'alerte (trading-rules.md « Alerts ») atteint un webhook sur 127.0.0.1 une seule fois
 * par occurrence, puis se réarme quand sa cause guérit ; un canal qui ne répond pas ne retarde aucun ordre.
 */
class AlertKindsTest {

    private static final String SECRET = "leader-secret-for-alert-kinds";

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private volatile boolean hanging;
    private final HttpServer webhook = webhook();
    private final AtomicInteger barriers = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.now());

    @AfterEach
    void stop() {
        hang.countDown();
        webhook.stop(0);
        leader.close();
        binance.close();
    }

    private HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try (exchange) {
                    received.add(Json.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                    if (hanging) {
                        hang.await(60, TimeUnit.SECONDS);
                    }
                    exchange.sendResponseHeaders(204, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(RunningApp.env(dataDir));
        env.putAll(FakeLeader.env(leader, SECRET));
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("POLL_INTERVAL_SECONDS", "3600");
        env.put("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        env.put("ALERT_ON_TRADES", "true");
        env.put("GIT_COMMIT", "c3f9ff3");
        return env;
    }

    private RunningApp start(Map<String, String> env) {
        leader.answer(FakeLeader.Mode.NO_SIGNAL);
        leader.useClock(clock);
        RunningApp app = RunningApp.start(env, clock);
        Await.until("the timer's first poll", Duration.ofSeconds(10),
                () -> !status(app).path("last_poll_time").isNull());
        poll(app);
        return app;
    }

    private static JsonNode status(RunningApp app) {
        try {
            return Json.MAPPER.readTree(app.get("/api/agent/status").body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String poll(RunningApp app) {
        var answer = app.send("POST", "/api/agent/poll", null);
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    /** Une alerte témoin : le fil d'envoi est unique et dans l'ordre, tout ce qui la précède est parti. */
    private void barrier(RunningApp app) {
        String tag = "barrier: " + barriers.incrementAndGet();
        app.context().createProducerTemplate().sendBody("direct:alert", tag);
        Await.until(tag, Duration.ofSeconds(30), () -> received.stream().anyMatch(a -> a.path("alert").asText().equals(tag)));
    }

    private List<JsonNode> of(String kind) {
        return received.stream().filter(a -> a.path("kind").asText().equals(kind)).toList();
    }

    @Test
    void leaderUnreachableOnceAfter30MinutesClearedByAnAnswerAndRaisedAgain() {
        try (RunningApp app = start(env())) {
            leader.answer(FakeLeader.Mode.SERVER_ERROR);
            poll(app);
            clock.advance(Duration.ofMinutes(31));
            poll(app);
            poll(app);
            poll(app);
            barrier(app);
            assertEquals(1, of("leader_unreachable").size(), received.toString());
            JsonNode alert = of("leader_unreachable").get(0);
            assertEquals("Leader unreachable", alert.path("title").asText());
            assertTrue(alert.path("message").asText().startsWith("no answer from the leader for 31 min"), alert.toString());

            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            poll(app);
            leader.answer(FakeLeader.Mode.SERVER_ERROR);
            poll(app);
            barrier(app);
            assertEquals(1, of("leader_unreachable").size(), "a fresh answer restarts the 30 minutes");
            clock.advance(Duration.ofMinutes(30));
            poll(app);
            barrier(app);
            assertEquals(2, of("leader_unreachable").size(), "a second occurrence after recovery");

            // en pause, le leader n'est pas appelé : son silence ne compte pas
            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            poll(app);
            assertEquals("{\"status\":\"paused\"}", app.send("POST", "/api/agent/toggle", null).body());
            clock.advance(Duration.ofHours(2));
            app.context().createProducerTemplate().sendBody("direct:poll-cycle", null);
            assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", null).body());
            poll(app);
            barrier(app);
            assertEquals(2, of("leader_unreachable").size(), "a pause is not an unreachable leader");
        }
    }

    @Test
    void threeRejectedRequestsInARowRaiseLeaderUnreachableOnce() {
        Map<String, String> env = env();
        env.put("SIGNAL_SECRET", "not-the-leaders-secret");
        try (RunningApp app = start(env)) {
            poll(app);
            poll(app);
            poll(app);
            barrier(app);
            assertEquals(1, of("leader_unreachable").size(), received.toString());
            assertTrue(of("leader_unreachable").get(0).path("message").asText().contains("403"));
        }
    }

    @Test
    void noSignalSignalErrorTradesAndUpdateRequestedEachOncePerOccurrence() {
        try (RunningApp app = start(env())) {
            clock.advance(Duration.ofHours(5));
            poll(app);
            poll(app);
            barrier(app);
            assertEquals(1, of("no_signal").size(), received.toString());

            // la bourse ne répond plus : deux signaux en erreur, une seule alerte
            binance.failWith(503);
            leader.publish("{\"signal_id\": \"e-1\", \"version\": 1, \"actions\": "
                    + "[{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            poll(app);
            leader.publish("{\"signal_id\": \"e-2\", \"version\": 1, \"actions\": "
                    + "[{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            poll(app);
            barrier(app);
            assertEquals(1, of("signal_error").size(), received.toString());
            assertTrue(of("signal_error").get(0).path("message").asText().startsWith("signal e-1 failed: "));

            // elle revient : un signal exécuté efface l'erreur et envoie ses trades
            binance.failWith(0);
            leader.publish("{\"signal_id\": \"ok-1\", \"version\": 1, \"actions\": "
                    + "[{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}, "
                    + "{\"coin\": \"ETHUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            poll(app);
            barrier(app);
            assertEquals(1, of("trades").size(), received.toString());
            String trades = of("trades").get(0).path("message").asText();
            // la règle des messages (docs/telegram.md) : point décimal, espace fine entre les milliers, montants au centime
            assertTrue(trades.matches("signal ok-1: BUY 0\\.[0-9]+ BTC at 97\u202f[0-9]{3}\\.[0-9]{2} USDC \\([0-9]+\\.[0-9]{2} USDC\\); BUY [0-9.]+ ETH at .*"), trades);

            binance.failWith(503);
            leader.publish("{\"signal_id\": \"e-3\", \"version\": 1, \"actions\": "
                    + "[{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            poll(app);
            binance.failWith(0);

            // silence de nouveau : no_signal a été effacé par les signaux, il repart une fois
            clock.advance(Duration.ofHours(5));
            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            poll(app);

            leader.publish("{\"signal_id\": \"u-1\", \"update\": {\"required\": true, \"latest_version\": \"9.9.9\"}}");
            poll(app);
            leader.publish("{\"signal_id\": \"u-2\", \"update\": {\"required\": true, \"latest_version\": \"9.9.9\"}}");
            poll(app);
            barrier(app);
            assertEquals(2, of("signal_error").size(), "raised again after a signal executed");
            assertEquals(2, of("no_signal").size(), "raised again after signals came");
            assertEquals(1, of("update_requested").size(), "once per latest_version");
            assertTrue(of("update_requested").get(0).path("message").asText().contains("9.9.9"));
        }
    }

    @Test
    void drawdownAndDeadRaisedThroughDirectAlertOnceAndDrawdownRearmedByAResume() {
        try (RunningApp app = start(env())) {
            var alerts = app.context().createProducerTemplate();
            assertEquals("{\"status\":\"paused\"}", app.send("POST", "/api/agent/toggle", null).body());
            alerts.sendBody("direct:alert", "drawdown: the portfolio fell 20% below its peak; trading paused until you resume");
            org.apache.camel.Exchange repeat = alerts.send("direct:alert", e -> e.getMessage()
                    .setBody("drawdown: the portfolio fell 21% below its peak; trading paused until you resume"));
            assertFalse(repeat.isRouteStop(), "a repeat never stops the flow that raised it");
            assertEquals("drawdown: the portfolio fell 21% below its peak; trading paused until you resume",
                    repeat.getMessage().getBody(String.class), "the caller's body is left as it was");
            alerts.sendBody("direct:alert", "agent DEAD: portfolio worth 4.20 EUR, under the 5 EUR minimum");
            alerts.sendBody("direct:alert", "agent DEAD: portfolio worth 4.10 EUR, under the 5 EUR minimum");
            barrier(app);
            assertEquals(1, of("drawdown").size(), received.toString());
            assertEquals("Paused on a drawdown", of("drawdown").get(0).path("title").asText());
            assertEquals(1, of("dead").size(), received.toString());
            assertEquals("Agent stopped for good", of("dead").get(0).path("title").asText());

            assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", null).body());
            poll(app);
            alerts.sendBody("direct:alert", "drawdown: the portfolio fell 20% below its peak; trading paused until you resume");
            barrier(app);
            assertEquals(2, of("drawdown").size(), "a resume clears it");
        }
    }

    @Test
    void aWebhookThatHangsDelaysNoOrder() {
        try (RunningApp app = start(env())) {
            hanging = true;
            leader.publish("{\"signal_id\": \"h-1\", \"version\": 1, \"actions\": "
                    + "[{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            poll(app);
            Await.until("the trades alert stuck in the webhook", Duration.ofSeconds(10), () -> of("trades").size() == 1);
            leader.publish("{\"signal_id\": \"h-2\", \"version\": 1, \"actions\": "
                    + "[{\"coin\": \"ETHUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            long start = System.nanoTime();
            String second = poll(app);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(second.contains("\"executed\""), second);
            // le webhook tient jusqu'à 10 s (son délai) : le poll suivant n'en attend rien
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the next order waited " + took);
            assertEquals(Integer.valueOf(1), app.sql().one("SELECT COUNT(*) FROM trades WHERE signal_id = 'h-2'", rs -> rs.getInt(1)));
            hang.countDown(); // le webhook répond enfin : l'arrêt n'attend pas son délai
        }
    }
}
