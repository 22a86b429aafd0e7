package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import com.calvalot.json.Json;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * L'attaque du ticket 24, avec un vrai Chromium : l'utilisateur s'est connecté au tableau de bord
 * (le navigateur garde ses identifiants Basic), puis visite une page d'un autre site qui poste
 * aussitôt des formulaires vers le suiveur. Rien n'est mis en pause, aucun dépôt n'est enregistré.
 */
class CrossSiteFormBrowserTest {

    static final String FAST_PBKDF2 = DashboardBasicAuthBrowserTest.FAST_PBKDF2;

    @TempDir
    static Path dir;

    static RunningApp app;
    static HeadlessChromium browser;
    static HttpServer evil;

    @BeforeAll
    static void start() throws IOException {
        if (!HeadlessChromium.installed()) {
            return; // chaque test sera compté « skipped » par son assumeInstalled()
        }
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        env.put("POLL_INTERVAL_SECONDS", "3600");
        app = RunningApp.start(env);
        String target = "http://127.0.0.1:" + app.settings().port();
        // l'autre site : un autre nom d'hôte (localhost n'est pas 127.0.0.1 pour le navigateur)
        evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page(evil, "/pause", "<form method='post' action='" + target + "/api/agent/toggle'></form>");
        page(evil, "/deposit", "<form method='post' enctype='text/plain' action='" + target + "/api/budget/deposit'>"
                + "<input name='{\"amount_eur\": 777, \"pad\": \"' value='\"}'></form>");
        evil.start();
        browser = HeadlessChromium.start();
    }

    /** Une page qui envoie son formulaire dès qu'elle est chargée (sans CSP : c'est la page de l'attaquant). */
    private static void page(HttpServer server, String path, String form) {
        String html = "<!doctype html><html><body>" + form + "<script>document.forms[0].submit()</script></body></html>";
        server.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    static void stop() {
        if (evil != null) {
            evil.stop(0);
        }
        HeadlessChromium.closeAll(browser, app);
    }

    @Test
    void aFormOnAnotherSiteNeitherPausesTheAgentNorRecordsADeposit() {
        int port = app.settings().port();
        browser.open(URI.create("http://calv:correct%20horse@127.0.0.1:" + port + "/"));
        browser.awaitReady();
        assertEquals("ACTIVE", browser.text("#agent-state"));

        String evilBase = "http://localhost:" + evil.getAddress().getPort();
        browser.open(URI.create(evilBase + "/pause"));
        String refused = refusal("/api/agent/toggle");
        assertTrue(refused.contains("cross-site request refused"), refused);
        browser.open(URI.create(evilBase + "/deposit"));
        refused = refusal("/api/budget/deposit");
        assertTrue(refused.contains("cross-site request refused"), refused);

        JsonNode status = read("/api/agent/status");
        assertFalse(status.path("paused").asBoolean(), "paused by another site");
        assertEquals(0, read("/api/budget").path("total_deposited_eur").decimalValue().compareTo(new java.math.BigDecimal(100)),
                "a deposit recorded by another site");

        // la page elle-même agit toujours : Pause, puis Resume
        browser.open(URI.create("http://127.0.0.1:" + port + "/"));
        browser.awaitReady();
        browser.find("#toggle-button").click();
        browser.until("PAUSED shown", d -> "PAUSED".equals(browser.text("#agent-state")));
        assertTrue(read("/api/agent/status").path("paused").asBoolean());
        browser.find("#toggle-button").click();
        browser.until("ACTIVE shown", d -> "ACTIVE".equals(browser.text("#agent-state")));
    }

    /** Le formulaire est parti : le navigateur montre la réponse du suiveur à cette adresse. */
    private String refusal(String path) {
        browser.until("the form's answer from " + path, d -> d.getCurrentUrl().endsWith(path)
                && d.findElement(By.tagName("body")).getText().contains("error"));
        return browser.find("body").getText();
    }

    private static JsonNode read(String path) {
        try {
            return Json.MAPPER.readTree(app.send(HttpRequest.newBuilder(app.uri(path))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            "calv:correct horse".getBytes(StandardCharsets.UTF_8)))).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
