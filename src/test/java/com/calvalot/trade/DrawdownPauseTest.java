package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * PAUSE_ON_DRAWDOWN_PCT : une baisse de prix qui fait tomber la valeur de 20 % sous son sommet met
 * l'agent en pause une fois, avec une alerte drawdown (reçue par un webhook sur 127.0.0.1) ; une
 * personne le reprend. Sous 5 EUR, l'agent meurt quand même, quelles que soient les limites.
 */
class DrawdownPauseTest {

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final HttpServer webhook = webhook();
    private RunningApp app;
    private SignalDriver driver;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        webhook.stop(0);
        binance.close();
    }

    private HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    JsonNode body = Json.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    alerts.add(body.path("alert").asText());
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("INITIAL_BUDGET_EUR", "100");
        env.put("PAUSE_ON_DRAWDOWN_PCT", "0.2");
        env.put("MAX_ORDER_USDC", "500");
        env.put("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        app = RunningApp.start(env, clock);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
        // le premier tic du minuteur (1 s après le départ) passé : il ne fera pas l'instantané d'un
        // prix posé par le test (sur une machine chargée, il tombait au milieu)
        Await.until("the timer's first poll", Duration.ofSeconds(30),
                () -> !app.get("/api/agent/status").body().contains("\"last_poll_time\":null"));
    }

    /** Le BTC à ce prix, lu au cycle suivant (le cache des prix dure 60 s), puis un cycle de poll. */
    private int pollAtBtcPrice(String price) {
        binance.setPrice("BTCUSDC", price);
        clock.advance(Duration.ofSeconds(61));
        return app.send("POST", "/api/agent/poll", null).statusCode();
    }

    /** Un instantané à ce prix, comme le tic du poll en fait même en pause. */
    private void snapshotAtBtcPrice(String price) {
        binance.setPrice("BTCUSDC", price);
        clock.advance(Duration.ofSeconds(61));
        app.context().createProducerTemplate().sendBody("direct:take-snapshot", null);
    }

    private JsonNode status() throws Exception {
        return Json.MAPPER.readTree(app.get("/api/agent/status").body());
    }

    private List<String> alerts(String prefix) {
        return alerts.stream().filter(a -> a.startsWith(prefix)).toList();
    }

    /** Les alertes partent sur leur propre fil (un canal lent ne retarde rien) : on attend la n-ième. */
    private List<String> awaitAlerts(String prefix, int count) {
        Await.until(count + " alert(s) " + prefix, Duration.ofSeconds(10), () -> alerts(prefix).size() >= count);
        return alerts(prefix);
    }

    @Test
    void aFallOfTheSetFractionPausesOnceAlertsOnceAndAPersonResumes() throws Exception {
        start();
        assertTrue(status().path("pause_reason").isNull());
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.9"));

        // −15 % : sous le seuil, rien
        assertEquals(200, pollAtBtcPrice("82450.08"));
        assertFalse(status().path("paused").asBoolean());

        // −27 % : pause, jamais DEAD, une alerte
        assertEquals(200, pollAtBtcPrice("70000"));
        JsonNode paused = status();
        assertTrue(paused.path("paused").asBoolean(), paused.toString());
        assertEquals("drawdown", paused.path("pause_reason").asText());
        assertFalse(paused.path("dead").asBoolean());
        assertEquals(1, awaitAlerts("drawdown: ", 1).size(), alerts.toString());
        // la règle des messages (docs/telegram.md) : point décimal, € et % après, deux décimales
        assertTrue(alerts("drawdown: ").get(0).matches("drawdown: portfolio [0-9\u202f]+\\.[0-9]{2}\u00a0€, [0-9]+\\.[0-9]{2}\u202f% "
                + "under its peak of [0-9\u202f]+\\.[0-9]{2}\u00a0€\\. Trading paused until you resume it\\."), alerts.toString());

        // en pause : aucun poll, et un instantané plus bas ne réalerte pas
        assertEquals(409, pollAtBtcPrice("65000"));
        snapshotAtBtcPrice("60000");
        assertEquals(1, awaitAlerts("drawdown: ", 1).size(), alerts.toString());

        // une personne reprend : le sommet repart de la valeur du moment
        assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", null).body());
        assertTrue(status().path("pause_reason").isNull());
        assertEquals(200, pollAtBtcPrice("60000"));
        assertEquals(200, pollAtBtcPrice("55000"));
        assertFalse(status().path("paused").asBoolean(), status().toString());
        assertEquals(1, awaitAlerts("drawdown: ", 1).size());

        // une pause à la main se dit manual
        app.send("POST", "/api/agent/toggle", null);
        assertEquals("manual", status().path("pause_reason").asText());
    }

    @Test
    void aDepositRestartsThePeakFromTheNewValue() throws Exception {
        start();
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.9"));
        assertEquals(200, pollAtBtcPrice("82450.08"));

        // 10 EUR de plus : le sommet repart de la valeur d'après le dépôt (environ 96 EUR, pas 100)
        assertEquals(200, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 10}").statusCode());
        assertEquals(200, pollAtBtcPrice("82450.08"));
        // environ 78 EUR : −19 % du nouveau sommet (pas de pause), −22 % de l'ancien
        assertEquals(200, pollAtBtcPrice("63000"));

        assertFalse(status().path("paused").asBoolean(), status().toString());
        assertEquals(0, alerts("drawdown").size(), alerts.toString());
    }

    @Test
    void underFiveEurosTheAgentIsDeadNotPaused() throws Exception {
        start();
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "1"));

        assertEquals(200, pollAtBtcPrice("1000"));

        JsonNode status = status();
        assertTrue(status.path("dead").asBoolean(), status.toString());
        assertFalse(status.path("paused").asBoolean());
        assertTrue(status.path("pause_reason").isNull());
        assertEquals(1, awaitAlerts("agent DEAD", 1).size(), alerts.toString());
        assertEquals(0, alerts("drawdown").size(), alerts.toString());
    }

    @Test
    void aPausedAgentStillDiesUnderFiveEuros() throws Exception {
        start();
        driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "1"));
        assertEquals(200, pollAtBtcPrice("70000"));
        assertEquals("drawdown", status().path("pause_reason").asText());

        snapshotAtBtcPrice("1000");

        assertTrue(status().path("dead").asBoolean());
        assertEquals(409, app.send("POST", "/api/agent/toggle", null).statusCode(), "a DEAD agent stays dead");
        assertEquals(1, awaitAlerts("drawdown", 1).size(), alerts.toString());
        assertEquals(1, awaitAlerts("agent DEAD", 1).size(), alerts.toString());
    }
}
