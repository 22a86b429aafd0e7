package com.calvalot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.DatabaseCells;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.RunningApp;

/**
 * Le vrai processus, lancé avec tous les secrets dans son environnement : aucune réponse de
 * l'API, aucune ligne de log et aucune cellule de la base n'en contient un seul.
 */
class SecretsScanTest {

    /** python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', b'correct horse', b'saltsalt', 1000).hex())" */
    static final String HASH_HEX = "a900cf4996b73ab9b2cbda0ad4fbb464b2f03f64afce6c77caef0ebc376afc9d";
    static final String PASSWORD_HASH = "pbkdf2:sha256:1000$saltsalt$" + HASH_HEX;

    static final List<String> PATHS = List.of("/health", "/", "/api/budget", "/api/budget/history", "/api/budget/history?period=1d",
            "/api/budget/withdrawals", "/api/trades", "/api/positions", "/api/prices", "/api/signals",
            "/api/agent/status", "/api/nothing", "/api/trades?limit=x", "/api/budget/history?period=2d");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noAnswerLogLineOrTableCellHoldsASecret() throws Exception {
        HttpServer leader = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        leader.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        leader.start();
        try (FakeBinance binance = new FakeBinance()) {
            String leaderUrl = "http://127.0.0.1:" + leader.getAddress().getPort() + "/leader-path-7f3a9c";
            Map<String, String> env = RunningApp.env(dir);
            env.put("BINANCE_BASE_URL", binance.baseUrl());
            env.put("LEADER_URL", leaderUrl);
            env.put("SIGNAL_SECRET", "signal-secret-Qm9vb3Rz");
            env.put("BINANCE_API_KEY", "binance-key-c2VjcmV0S2V5");
            env.put("BINANCE_API_SECRET", "binance-secret-U2VjcmV0");
            env.put("API_PASSWORD_HASH", PASSWORD_HASH);
            env.put("SMTP_PASSWORD", "smtp-password-bWFpbA");
            env.put("TELEGRAM_BOT_TOKEN", "123456:telegram-token-dG9rZW4");
            env.put("ALERT_WEBHOOK_URL", "https://hooks.example/webhook-path-d2ViaG9vaw");
            env.put("POLL_INTERVAL_SECONDS", "1");
            List<String> secrets = List.of(leaderUrl, "leader-path-7f3a9c", "signal-secret-Qm9vb3Rz", "binance-key-c2VjcmV0S2V5",
                    "binance-secret-U2VjcmV0", PASSWORD_HASH, HASH_HEX, "smtp-password-bWFpbA", "telegram-token-dG9rZW4",
                    "webhook-path-d2ViaG9vaw");

            List<String> answers = new ArrayList<>();
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                String base = "http://127.0.0.1:" + env.get("PORT");
                Await.until("/health", Duration.ofSeconds(60), () -> status(base + "/health") == 200);
                String auth = "Basic " + Base64.getEncoder().encodeToString("admin:correct horse".getBytes(StandardCharsets.UTF_8));

                // le tout premier appel authentifié porte un corps : il survit à la vérification asynchrone du mot de passe
                HttpResponse<String> deposit = send(HttpRequest.newBuilder(URI.create(base + "/api/budget/deposit"))
                        .header("Authorization", auth).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"amount_eur\": 12.5}")));
                assertEquals("{\"ok\":true,\"total_deposited_eur\":112.5}", deposit.body());
                answers.add(deposit.body());
                for (String path : PATHS) {
                    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth));
                    answers.add(path + " " + answer.statusCode() + " " + answer.headers().map() + " " + answer.body());
                }
                answers.add(send(HttpRequest.newBuilder(URI.create(base + "/api/budget/deposit")).header("Authorization", auth).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"total_eur\": \"x\"}"))).body());
                answers.add(send(HttpRequest.newBuilder(URI.create(base + "/api/budget"))).headers().map().toString());
                answers.add(send(HttpRequest.newBuilder(URI.create(base + "/api/budget"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes()))).toString());
                assertTrue(getStatus(answers, "/api/budget ").startsWith("200"), answers.toString());

                app.terminate();
                app.waitForExit(Duration.ofSeconds(30));
                String log = app.stdout() + app.stderr();
                assertFalse(log.isBlank(), "the app logged something");
                for (String secret : secrets) {
                    assertFalse(log.contains(secret), "the log holds a secret: " + secret);
                    for (String answer : answers) {
                        assertFalse(answer.contains(secret), "an answer holds a secret: " + answer);
                    }
                    for (String cell : cells(env.get("DB_PATH"))) {
                        assertFalse(cell.contains(secret), "the database holds a secret: " + cell);
                    }
                }
            }
        } finally {
            leader.stop(0);
        }
    }

    private static String getStatus(List<String> answers, String prefix) {
        return answers.stream().filter(a -> a.startsWith(prefix)).findFirst().orElse(prefix + "missing").substring(prefix.length());
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> cells(String dbPath) throws Exception {
        assertTrue(DatabaseCells.tables(Path.of(dbPath)).contains("budget"));
        return DatabaseCells.all(Path.of(dbPath));
    }
}
