package com.calvalot.security;

import static com.calvalot.security.HttpSecurityTest.FAST_PBKDF2;
import static com.calvalot.security.HttpSecurityTest.assertHardened;
import static com.calvalot.security.HttpSecurityTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.json.Json;
import com.calvalot.support.LogCapture;
import com.calvalot.support.RawHttp;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ce qui change quelque chose ne vient que de la page du suiveur ou d'un script (api.md) ; le
 * serveur ne répond qu'à ses propres noms (DNS rebinding) ; en mode installation, seule la page
 * d'installation répond. Tout par le vrai serveur sur 127.0.0.1.
 */
class RequestGuardTest {

    static final String AUTH = basic("calv", "correct horse");

    @TempDir
    Path dir;

    private Map<String, String> protectedEnv() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        return env;
    }

    @Test
    void aRequestFromAnotherSiteChangesNothingEvenWithTheRightPassword() throws Exception {
        try (RunningApp app = RunningApp.start(protectedEnv())) {
            String self = "http://127.0.0.1:" + app.settings().port();
            for (String[] header : List.of(new String[] {"Origin", "https://evil.example"},
                    new String[] {"Origin", "null"}, new String[] {"Origin", "http://127.0.0.1:1"},
                    new String[] {"Sec-Fetch-Site", "cross-site"},
                    new String[] {"Referer", "https://evil.example/cats.html"})) {
                HttpResponse<String> toggle = post(app, "/api/agent/toggle", "{\"paused\": true}", "application/json", header);
                assertEquals(403, toggle.statusCode(), header[0] + ": " + header[1] + " " + toggle.body());
                assertTrue(json(toggle.body()).path("error").asText().contains("cross-site"), toggle.body());
                assertHardened(toggle);
                HttpResponse<String> deposit = post(app, "/api/budget/deposit", "{\"amount_eur\": 777}", "application/json", header);
                assertEquals(403, deposit.statusCode(), deposit.body());
            }
            // le formulaire d'une autre page : text/plain, urlencoded, multipart — jamais un dépôt
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
                HttpResponse<String> form = post(app, "/api/budget/deposit", "{\"amount_eur\": 777, \"x\": \"=\"}", type);
                assertEquals(415, form.statusCode(), type + " " + form.body());
                assertEquals("{\"error\":\"the body must be JSON, sent with Content-Type: application/json\"}", form.body());
            }
            HttpResponse<String> budget = get(app, "/api/budget");
            assertEquals(0, json(budget.body()).path("total_deposited_eur").decimalValue().compareTo(new java.math.BigDecimal(100)),
                    budget.body());
            assertEquals(false, json(get(app, "/api/agent/status").body()).path("paused").asBoolean());

            // la page elle-même (Origin et Sec-Fetch-Site de la même origine) et un script (rien) passent
            HttpResponse<String> own = post(app, "/api/agent/toggle", "{\"paused\": true}", "application/json",
                    new String[] {"Origin", self}, new String[] {"Sec-Fetch-Site", "same-origin"});
            assertEquals("{\"status\":\"paused\"}", own.body());
            // l'état voulu : répété, il ne bascule pas
            assertEquals("{\"status\":\"paused\"}", post(app, "/api/agent/toggle", "{\"paused\": true}", "application/json").body());
            assertEquals("{\"status\":\"resumed\"}", post(app, "/api/agent/toggle", "{\"paused\": false}", "application/json").body());
            assertEquals(400, post(app, "/api/agent/toggle", "{\"paused\": \"yes\"}", "application/json").statusCode());
            // sans corps (curl -X POST), il bascule comme avant
            assertEquals("{\"status\":\"paused\"}", post(app, "/api/agent/toggle", null, null).body());
            assertEquals("{\"ok\":true,\"total_deposited_eur\":105}",
                    post(app, "/api/budget/deposit", "{\"amount_eur\": 5}", "application/json; charset=utf-8").body());
        }
    }

    /**
     * Le suiveur sur le port 80 (ou derrière un proxy qui transmet Host sans port) : une page d'un autre
     * port du même hôte (http://localhost:18199) n'agit pas, même par navigator.sendBeacon sans corps ;
     * avant, Origin donnait son propre port pour celui du serveur, et un seul beacon levait une pause
     * pour drawdown. La page du suiveur et les scripts passent ; une reprise après drawdown est journalisée.
     */
    @Test
    void aPageOnAnotherPortOfTheSameHostCannotPauseOrResume() {
        try (LogCapture log = new LogCapture(); RunningApp app = RunningApp.start(protectedEnv())) {
            int port = app.settings().port();
            AgentStateRepository agent = new AgentStateRepository(app.sql());
            assertTrue(agent.pause(AgentStateRepository.DRAWDOWN));
            String other = "http://localhost:18199";
            for (String[] headers : List.of(new String[] {"Origin: " + other, "Sec-Fetch-Site: same-site"},
                    new String[] {"Origin: " + other}, new String[] {"Sec-Fetch-Site: same-site"},
                    new String[] {"Referer: " + other + "/page.html"}, new String[] {"Origin: https://localhost"},
                    new String[] {"Origin: http://localhost:18199", "X-Forwarded-Proto: http"})) {
                RawHttp.Answer beacon = toggle(port, "localhost", null, headers);
                assertEquals(403, beacon.status(), String.join(", ", headers) + ": " + beacon.body());
                assertEquals(AgentStateRepository.DRAWDOWN, agent.pauseReason());
            }
            // la page du suiveur : Origin sur le port par défaut du schéma, ou la parole du navigateur
            for (String[] headers : List.of(new String[] {"Origin: http://localhost"}, new String[] {"Origin: http://localhost:80"},
                    new String[] {"Sec-Fetch-Site: same-origin", "Origin: https://localhost"},
                    new String[] {"Origin: https://localhost", "X-Forwarded-Proto: https"},
                    new String[] {"Sec-Fetch-Site: none"})) {
                RawHttp.Answer own = toggle(port, "localhost", "{\"paused\": true}", headers);
                assertEquals(200, own.status(), String.join(", ", headers) + ": " + own.body());
            }
            assertEquals(AgentStateRepository.DRAWDOWN, agent.pauseReason(), "pausing again changes nothing");
            RawHttp.Answer explicitPort = toggle(port, "127.0.0.1:" + port, "{\"paused\": true}",
                    new String[] {"Origin: http://127.0.0.1:" + (port + 1)});
            assertEquals(403, explicitPort.status());
            // un script (curl -X POST, sans Origin) lève la pause ; le log dit d'où
            RawHttp.Answer script = toggle(port, "localhost", null);
            assertEquals(200, script.status());
            assertTrue(script.body().contains("{\"status\":\"resumed\"}"), script.body());
            assertEquals(null, agent.pauseReason());
            assertTrue(log.text().contains("Agent resumed: the drawdown pause was lifted by an HTTP request from 127.0.0.1 "
                    + "(no Origin: a script)"), log.text());
        }
    }

    /** POST /api/agent/toggle écrit à la main : Host choisi, en-têtes choisis, corps JSON ou aucun. */
    private static RawHttp.Answer toggle(int port, String host, String body, String... headers) {
        StringBuilder request = new StringBuilder("POST /api/agent/toggle HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: "
                + AUTH + "\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (body == null) {
            request.append("Content-Length: 0\r\n\r\n");
        } else {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        return RawHttp.send(port, request.toString());
    }

    @Test
    void fiveWrongPasswordsFromOneAddressSlowItDownButNotALoggedInBrowser() {
        try (RunningApp app = RunningApp.start(protectedEnv())) {
            assertEquals(200, get(app, "/api/budget").statusCode(), "logged in before the guessing");
            String wrong = basic("calv", "not the password");
            for (int i = 0; i < 5; i++) {
                assertEquals(401, app.send(HttpRequest.newBuilder(app.uri("/api/budget")).header("Authorization", wrong)).statusCode());
            }
            HttpResponse<String> slowed = app.send(HttpRequest.newBuilder(app.uri("/api/budget")).header("Authorization", wrong));
            assertEquals(429, slowed.statusCode());
            assertTrue(Integer.parseInt(slowed.headers().firstValue("Retry-After").orElse("0")) >= 1, slowed.headers().toString());
            assertEquals("{\"error\":\"too many wrong passwords from this address; try again later\"}", slowed.body());
            // tout nouvel essai de cette adresse attend ; l'en-tête d'un navigateur déjà connecté passe toujours
            assertEquals(429, app.send(HttpRequest.newBuilder(app.uri("/api/budget"))
                    .header("Authorization", basic("calv", "correct horse ")).timeout(java.time.Duration.ofSeconds(5))).statusCode());
            assertEquals(200, get(app, "/api/budget").statusCode());
        }
    }

    @Test
    void onlyItsOwnHostNamesAreAnsweredAndBrokenRequestsGetJson() {
        Map<String, String> env = protectedEnv();
        env.put("ALLOWED_HOSTS", "follower.lan, Calvalot.Home.");
        try (RunningApp app = RunningApp.start(env)) {
            int port = app.settings().port();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "follower.lan:" + port, "calvalot.home",
                    "[::1]:" + port, "192.168.1.20")) {
                RawHttp.Answer health = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
                assertEquals(200, health.status(), host + ": " + health.head());
            }
            for (String host : List.of("evil.example", "evil.example:" + port, "follower.lan.evil.example", "127.0.0.1.nip.io")) {
                RawHttp.Answer refused = RawHttp.send(port, "GET /api/budget HTTP/1.1\r\nHost: " + host + "\r\n"
                        + "Authorization: " + AUTH + "\r\nConnection: close\r\n\r\n");
                assertEquals(421, refused.status(), host + ": " + refused.head());
                assertTrue(refused.body().contains("ALLOWED_HOSTS"), refused.body());
                assertEquals("nosniff", refused.header("X-Content-Type-Options"));
            }
            // ce que le routeur de Vert.x traitait avec une trace de pile : 400 JSON, avec les en-têtes
            RawHttp.Answer star = RawHttp.send(port, "GET * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            RawHttp.Answer noHost = RawHttp.send(port, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
            for (RawHttp.Answer broken : List.of(star, noHost)) {
                assertEquals(400, broken.status(), broken.head());
                assertTrue(broken.body().startsWith("{\"error\":"), broken.body());
                assertEquals("DENY", broken.header("X-Frame-Options"));
            }
            // un corps trop gros, authentifié : 413 JSON (le routeur), jamais une page HTML
            String big = "{\"amount_eur\": 5, \"pad\": \"" + "x".repeat(100_000) + "\"}";
            HttpResponse<String> tooBig = app.send(HttpRequest.newBuilder(app.uri("/api/budget/deposit"))
                    .header("Authorization", AUTH).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(big)));
            assertEquals(413, tooBig.statusCode(), tooBig.body());
            assertEquals("{\"error\":\"the request body is too large\"}", tooBig.body());
            assertHardened(tooBig);
        }
    }

    @Test
    void theDatabaseAndItsWalAreReadableByTheirOwnerOnly() throws Exception {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir))) {
            app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 5}");
            for (String name : List.of("calvalot.db", "calvalot.db-wal")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
            }
        }
    }

    @Test
    void inSetupModeOnlyTheSetupPageAnswers() {
        try (RunningApp app = RunningApp.start(RunningApp.setupEnv(dir))) {
            for (String open : List.of("/health", "/setup", "/api/setup/status", "/assets/app.css", "/assets/setup.js")) {
                assertEquals(200, app.get(open).statusCode(), open);
            }
            assertEquals(302, app.get("/").statusCode());
            for (String closed : List.of("/api/trades", "/api/signals", "/api/budget", "/api/positions", "/metrics",
                    "/api/trades.csv", "/api/agent/status", "/api/host-stats", "/api/backup")) {
                HttpResponse<String> answer = app.get(closed);
                assertEquals(403, answer.statusCode(), closed);
                assertEquals("{\"error\":\"the follower is not set up yet: open /setup\"}", answer.body());
                assertHardened(answer);
            }
            assertEquals(403, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 100000}").statusCode());
            assertEquals(403, app.send("POST", "/api/agent/toggle", "{\"paused\": true}").statusCode());
            // une page d'un autre site ne poste pas non plus vers l'installation (ni ne la verrouille)
            HttpResponse<String> foreign = post(app, "/api/setup/validate", "{\"setup_code\": \"AAAA-AAAA\"}", "application/json",
                    new String[] {"Origin", "https://evil.example"});
            assertEquals(403, foreign.statusCode());
            assertEquals(415, post(app, "/api/setup/validate", "{}", "text/plain").statusCode());
        }
    }

    private static HttpResponse<String> get(RunningApp app, String path) {
        return app.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", AUTH));
    }

    private static HttpResponse<String> post(RunningApp app, String path, String body, String type, String[]... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).header("Authorization", AUTH)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        for (String[] header : headers) {
            request.header(header[0], header[1]);
        }
        return app.send(request);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text);
        }
    }
}
