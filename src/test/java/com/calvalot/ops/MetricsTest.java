package com.calvalot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;

/** GET /metrics après un poll, un signal et un ordre refusé : les noms et étiquettes qu'un tableau Prometheus lit. */
class MetricsTest {

    static final String KEY = "test-api-key-0123456789";
    static final String SECRET = "test-api-secret-9876543210";
    static final String LEADER_SECRET = "leader-secret-for-metrics";
    /** Le mot de passe « correct horse », haché vite pour les tests. */
    static final String FAST_PBKDF2 = "pbkdf2:sha256:1000$saltsalt$a900cf4996b73ab9b2cbda0ad4fbb464b2f03f64afce6c77caef0ebc376afc9d";

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    private final FakeLeader leader = new FakeLeader(LEADER_SECRET);

    @AfterEach
    void stop() {
        account.releaseHeld();
        binance.close();
        leader.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPollASignalAndARefusedOrderShowInThePrometheusText() {
        Map<String, String> env = RunningApp.env(dir);
        env.putAll(FakeLeader.env(leader, LEADER_SECRET));
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", KEY);
        env.put("BINANCE_API_SECRET", SECRET);
        env.put("POLL_INTERVAL_SECONDS", "3600");
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        account.refuseNextOrder("{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}");
        leader.publish("""
                {"signal_id": "m-1", "version": 1, "confidence": 0.6,
                 "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.3},
                             {"coin": "ETHUSDC", "action": "BUY", "pct_of_capital": 0.2}]}
                """);
        try (RunningApp app = RunningApp.start(env)) {
            Await.until("the signal handled", Duration.ofSeconds(20), () -> "error".equals(
                    app.sql().one("SELECT status FROM signals WHERE signal_id = 'm-1'", rs -> rs.getString(1))));
            assertEquals(401, app.get("/metrics").statusCode(), "behind the same Basic auth as /api/");

            String text = Await.value("the poll counted", Duration.ofSeconds(10), () -> metrics(app),
                    t -> t.contains("calvalot_polls_total{"));
            assertSeries(text, "calvalot_polls_total", "status=\"error\"");
            assertSeries(text, "calvalot_signals_total", "status=\"error\"");
            assertSeries(text, "calvalot_orders_total", "outcome=\"rejected\"", "side=\"buy\"");
            assertSeries(text, "calvalot_orders_total", "outcome=\"filled\"", "side=\"buy\"");
            assertSeries(text, "calvalot_exchange_requests_total", "endpoint=\"/api/v3/order\"", "status=\"200\"");
            assertSeries(text, "calvalot_exchange_requests_total", "endpoint=\"/api/v3/order\"", "status=\"400\"");
            assertSeries(text, "calvalot_exchange_requests_total", "endpoint=\"/api/v3/account\"", "status=\"200\"");
            assertSeries(text, "calvalot_exchange_requests_total", "endpoint=\"/api/v3/ticker/price\"", "status=\"200\"");
            assertTrue(text.contains("calvalot_rate_limit_pauses_total"), "rate-limit pauses shown from the start");
            assertSeries(text, "calvalot_signal_copy_seconds_bucket", "le=\"0.05\"");
            assertSeries(text, "calvalot_signal_copy_seconds_count");
            assertSeries(text, "calvalot_agent_state", "state=\"running\"");
            assertTrue(line(text, "calvalot_agent_state", "state=\"running\"").endsWith(" 1.0"), text);
            assertTrue(line(text, "calvalot_agent_state", "state=\"dead\"").endsWith(" 0.0"), text);
            assertTrue(text.contains("calvalot_portfolio_value_eur "), text);
            assertTrue(text.contains("jvm_memory_used_bytes{"), "the JVM's own");
            assertTrue(text.contains("process_cpu_usage"), "the JVM's own");
            assertPromtoolAccepts(text);
        }
    }

    /**
     * {@code promtool check metrics} (le paquet prometheus de Debian, que .ci/run installe) sur le
     * texte réel : une aide (HELP) pour chaque métrique, des étiquettes en snake_case (issue 38).
     * Sauté sans promtool.
     */
    private void assertPromtoolAccepts(String text) {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            System.err.println("promtool not installed (Debian package prometheus): /metrics not linted");
            return;
        }
        try {
            Path scraped = dir.resolve("metrics.txt");
            Files.writeString(scraped, text);
            Path out = dir.resolve("promtool.txt");
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(scraped.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(check.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "promtool did not finish");
            assertEquals("", Files.readString(out).strip(), "promtool check metrics");
            assertEquals(0, check.exitValue(), Files.readString(out));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String metrics(RunningApp app) {
        HttpResponse<String> answer = app.send(HttpRequest.newBuilder(app.uri("/metrics"))
                .header("Authorization", basic("calv", "correct horse")).GET());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return answer.body();
    }

    private static void assertSeries(String text, String name, String... labels) {
        line(text, name, labels);
    }

    private static String line(String text, String name, String... labels) {
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> List.of(labels).stream().allMatch(l::contains)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " " + List.of(labels) + " in\n" + text));
    }
}
