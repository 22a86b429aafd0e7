package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;

/** Authentification Basic, en-têtes de sécurité et réponses 404/405, vus par un vrai client HTTP. */
class HttpSecurityTest {

    /** python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', b'correct horse', b'saltsalt', 1000).hex())" */
    static final String FAST_PBKDF2 = "pbkdf2:sha256:1000$saltsalt$a900cf4996b73ab9b2cbda0ad4fbb464b2f03f64afce6c77caef0ebc376afc9d";

    @TempDir
    Path dir;

    @Test
    void withoutAHashEverythingIsOpenButStillHardened() {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir))) {
            HttpResponse<String> health = app.get("/health");
            assertEquals(200, health.statusCode());
            assertHardened(health);
            HttpResponse<String> unknown = app.get("/api/nothing-here");
            assertEquals(404, unknown.statusCode());
            assertEquals("{\"error\":\"not found\"}", unknown.body());
            assertEquals("application/json", unknown.headers().firstValue("Content-Type").orElse(""));
            assertHardened(unknown);
        }
    }

    @Test
    void aWrongMethodAnswers405JsonWithAllow() {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir))) {
            HttpResponse<String> answer = app.send("DELETE", "/health", null);
            assertEquals(405, answer.statusCode());
            assertEquals("{\"error\":\"method DELETE not allowed here\"}", answer.body());
            assertEquals("GET, HEAD", answer.headers().firstValue("Allow").orElse(""));
            assertHardened(answer);
        }
    }

    /**
     * Les sondes de disponibilité envoient HEAD (en HTTP/1.1) : même statut et mêmes en-têtes que GET,
     * sans corps. (En HTTP/2 par h2c, Vert.x 4.5 enverrait le corps d'une réponse à HEAD.)
     */
    @Test
    void headWorksWhereverGetDoes() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        try (RunningApp app = RunningApp.start(env)) {
            String auth = basic("admin", "correct horse");
            for (String path : List.of("/health", "/", "/assets/app.css", "/api/budget", "/api/trades?limit=2",
                    "/api/agent/status", "/api/trades.csv", "/metrics", "/api/nothing-here")) {
                HttpResponse<String> get = get(app, path, auth);
                HttpResponse<String> head = app.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", auth)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).version(HttpClient.Version.HTTP_1_1));
                assertEquals(get.statusCode(), head.statusCode(), "HEAD " + path);
                assertEquals("", head.body(), "HEAD " + path + " has no body");
                assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
                assertHardened(head);
            }
            HttpResponse<String> open = app.send(HttpRequest.newBuilder(app.uri("/health"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).version(HttpClient.Version.HTTP_1_1));
            assertEquals(200, open.statusCode(), "/health needs no password, with HEAD either");
            HttpResponse<String> refused = app.send(HttpRequest.newBuilder(app.uri("/api/budget"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).version(HttpClient.Version.HTTP_1_1));
            assertEquals(401, refused.statusCode());
            assertEquals("Basic realm=\"calv-a-lot\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals("", refused.body(), "HEAD: the 401's headers, no body");
            assertHardened(refused);
            HttpResponse<String> post = app.send(HttpRequest.newBuilder(app.uri("/api/agent/poll")).header("Authorization", auth)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).version(HttpClient.Version.HTTP_1_1));
            assertEquals(405, post.statusCode(), "HEAD only where GET is");
        }
    }

    @Test
    void noCorsHeadersForAForeignOrigin() {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir))) {
            HttpResponse<String> preflight = app.send(HttpRequest.newBuilder(app.uri("/health"))
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> simple = app.send(HttpRequest.newBuilder(app.uri("/health")).header("Origin", "https://evil.example"));
            for (HttpResponse<String> answer : List.of(preflight, simple)) {
                assertTrue(answer.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                        answer.headers().map().toString());
            }
        }
    }

    @Test
    void withAHashTheApiNeedsBasicAuthButHealthDoesNot() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals(200, app.get("/health").statusCode());

            assertRefused(app.get("/api/budget"));
            assertRefused(app.get("/"));
            assertRefused(get(app, "/api/budget", basic("calv", "wrong")));
            assertRefused(get(app, "/api/budget", basic("admin", "correct horse")));
            assertRefused(get(app, "/api/budget", "Basic !!!not-base64"));
            assertRefused(get(app, "/api/budget", "Bearer abc"));
            assertRefused(get(app, "/api/budget", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes())));
            // un chemin qui « passe par » /demo/ mais mène à l'API reste fermé
            assertRefused(get(app, "/demo/../api/budget", null));
            assertRefused(get(app, "/demo/%2e%2e/api/budget", null));
            assertRefused(get(app, "/demo/./../api/budget", null));
            assertRefused(get(app, "//api/budget", null));
            HttpResponse<String> encodedSlash = get(app, "/demo/..%2Fapi/budget", null);
            assertTrue(encodedSlash.statusCode() == 401 || encodedSlash.statusCode() == 404, encodedSlash.body());
            assertFalse(encodedSlash.body().contains("total_deposited_eur"));
            assertRefused(app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 5}"));

            // le premier appel authentifié porte un corps : il survit à la vérification asynchrone du mot de passe
            HttpResponse<String> deposit = app.send(HttpRequest.newBuilder(app.uri("/api/budget/deposit"))
                    .header("Authorization", basic("calv", "correct horse")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount_eur\": 5}")));
            assertEquals("{\"ok\":true,\"total_deposited_eur\":105}", deposit.body());
            HttpResponse<String> in = get(app, "/api/nothing-here", basic("calv", "correct horse"));
            assertEquals(404, in.statusCode(), "authenticated, then routed");
            // une seconde fois : l'en-tête accepté est retenu
            assertEquals(404, get(app, "/api/nothing-here", basic("calv", "correct horse")).statusCode());
            assertNotEquals(401, get(app, "/demo/leader/api/signal/latest", null).statusCode(), "the demo carries its own HMAC");
        }
    }

    @Test
    void aWerkzeugScryptHashFromTheOriginalFollowerKeepsWorking() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_PASSWORD_HASH", WerkzeugHashTest.WERKZEUG_SCRYPT);
        try (RunningApp app = RunningApp.start(env)) {
            assertRefused(get(app, "/api/x", basic("admin", "s3cret-password")));
            assertEquals(404, get(app, "/api/x", basic("admin", WerkzeugHashTest.PASSWORD)).statusCode());
        }
    }

    @Test
    void anUnreadableHashStopsStartUpWithOneLineThatDoesNotQuoteIt() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_PASSWORD_HASH", "md5$private-salt$0123");
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), app.stderr());
            assertTrue(lines.get(0).startsWith("calv-a-lot: bad setting: API_PASSWORD_HASH must be a Werkzeug hash"), lines.get(0));
            assertFalse(app.stderr().contains("private-salt") || app.stdout().contains("private-salt"));
        }
        assertFalse(Files.exists(dir.resolve("calvalot.db")), "nothing starts half-configured");
    }

    /** Un client d'API (ni navigateur ni text/html demandé) : le défi Basic et le {"error": …} de toute erreur de l'API. */
    static void assertRefused(HttpResponse<String> answer) {
        assertEquals(401, answer.statusCode(), answer.uri().toString());
        assertEquals("Basic realm=\"calv-a-lot\"", answer.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"error\":\"" + Unauthorized.MESSAGE + "\"}", answer.body());
        assertHardened(answer);
    }

    /**
     * Un navigateur (Accept: text/html) qui n'a pas, ou pas le bon, mot de passe : une courte page qui dit
     * quoi faire, au lieu d'une page vide ; rien de ce qui a été essayé n'y revient, ni style ni script
     * (la CSP les refuserait), et un script qui demande du JSON garde son {"error": …}.
     */
    @Test
    void aBrowserWithoutTheRightPasswordGetsAShortPageThatSaysWhatToDo() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        String accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        try (RunningApp app = RunningApp.start(env)) {
            for (String authorization : new String[] {null, basic("intruder-name", "guessed-password-123"), basic("calv", "wrong")}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/")).header("Accept", accept);
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> page = app.send(request);
                assertEquals(401, page.statusCode());
                assertEquals("Basic realm=\"calv-a-lot\"", page.headers().firstValue("WWW-Authenticate").orElse(""));
                assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
                assertHardened(page);
                String body = page.body();
                assertTrue(body.contains("<h1>Calv-a-lot: sign in to see this follower</h1>") && body.contains("hash-password")
                        && body.contains("<a href=\"/\">Try again</a>"), body);
                for (String leak : new String[] {"intruder-name", "guessed-password", "calv\"", ">calv<", "<script", "<style", "style=",
                        "127.0.0.1"}) {
                    assertFalse(body.contains(leak), leak + " in " + body);
                }
            }
            HttpResponse<String> api = app.send(HttpRequest.newBuilder(app.uri("/api/budget")).header("Accept", "application/json")
                    .header("Authorization", basic("calv", "wrong")));
            assertRefused(api);
        }
    }

    static void assertHardened(HttpResponse<String> answer) {
        String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(RunningApp app, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return app.send(request);
    }
}
