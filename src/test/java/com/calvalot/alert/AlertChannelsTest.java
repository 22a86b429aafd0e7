package com.calvalot.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSmtpsServer;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** Une alerte réelle (no_signal) part vers le webhook, Telegram et l'e-mail, sans qu'aucun secret n'atteigne le log. */
class AlertChannelsTest {

    private static final String SECRET = "leader-secret-for-alerts";
    private static final String BOT_TOKEN = "123456:bot-token-that-must-stay-secret";
    private static final String SMTP_PASSWORD = "smtp-password-that-must-stay-secret";

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpServer receiver = receiver();

    private FakeSmtpsServer smtps;

    @AfterEach
    void stop() {
        leader.close();
        receiver.stop(0);
        if (smtps != null) {
            smtps.close();
        }
    }

    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNoSignalAlertReachesTheWebhookTelegramAndEmail() throws Exception {
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Map<String, String> env = new HashMap<>(RunningApp.env(dataDir));
        // une base créée il y a 5 heures, sans aucun signal depuis
        RunningApp.start(env, Clock.fixed(Instant.now().minus(Duration.ofHours(5)), ZoneOffset.UTC)).close();
        env.putAll(FakeLeader.env(leader, SECRET));
        env.put("ALERT_WEBHOOK_URL", base + "/hooks/secret-path-xyz");
        env.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        env.put("TELEGRAM_CHAT_ID", "42");
        env.put("TELEGRAM_API_URL", base);
        smtps = new FakeSmtpsServer(dataDir);
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtps.port()));
        env.put("SMTP_USER", "follower@example.org");
        env.put("SMTP_PASSWORD", SMTP_PASSWORD);
        env.put("ALERT_EMAIL_TO", "me@example.org");
        List<String> flags = new java.util.ArrayList<>(smtps.trustFlags());
        try (ChildProcess child = ChildProcess.start(env, dataDir, flags)) {
            // le bot lit aussi ses mises à jour (GET getUpdates) : seuls les POST sont des alertes
            Await.until("the webhook and Telegram calls", Duration.ofSeconds(30),
                    () -> received.stream().filter(r -> r.startsWith("POST ")).count() >= 2);
            Await.until("the e-mail", Duration.ofSeconds(30), () -> !smtps.received().isEmpty());
            FakeSmtpsServer.Mail mail = smtps.received().get(0);
            assertTrue(mail.auth().endsWith("|follower@example.org|" + SMTP_PASSWORD), "AUTH PLAIN with SMTP_USER/SMTP_PASSWORD");
            assertTrue(mail.to().contains("me@example.org"), mail.to());
            assertTrue(mail.data().contains("Subject: Calv-a-lot: No signal for 4 hours (no_signal)"), mail.data());
            assertTrue(mail.data().contains("no_signal: no new signal"), mail.data());
            String webhook = received.stream().filter(r -> r.startsWith("POST /hooks/")).findFirst().orElseThrow();
            JsonNode alert = Json.MAPPER.readTree(webhook.substring(webhook.indexOf('{')));
            assertTrue(alert.path("alert").asText().startsWith("no_signal"), webhook);
            assertEquals("calvalot", alert.path("service").asText());
            String telegram = received.stream().filter(r -> r.contains("/sendMessage")).findFirst().orElseThrow();
            assertTrue(telegram.startsWith("POST /bot" + BOT_TOKEN + "/sendMessage"), telegram);
            JsonNode message = Json.MAPPER.readTree(telegram.substring(telegram.indexOf('{')));
            assertEquals("42", message.path("chat_id").asText());
            assertTrue(message.path("text").asText().contains("no_signal"));

            child.terminate();
            child.waitForExit(Duration.ofSeconds(20));
            String log = child.stdout() + child.stderr();
            assertTrue(log.contains("ALERT no_signal"), log);
            for (String secret : List.of(BOT_TOKEN, "secret-path-xyz", SECRET, SMTP_PASSWORD)) {
                assertFalse(log.contains(secret), "the log holds a secret: " + secret);
            }
            assertEquals(1, received.stream().filter(r -> r.startsWith("POST /hooks/")).count(), "raised once");
        }
    }
}
