package com.calvalot.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.security.WerkzeugHash;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.DatabaseCells;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SetupLog;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * L'installation par l'API, dans un vrai processus (setup.md) : le code lu dans le log, chaque refus
 * un par un, l'enregistrement, le fichier écrit, la garde Basic posée sans redémarrer, le suivi qui
 * démarre, puis un redémarrage qui repart configuré. Aucun secret dans les réponses, le log ni la base.
 */
class SetupApiTest {

    static final String SECRET = "leader-secret-c2V0dXA";
    static final String KEY = "binance-key-a2V5a2V5";
    static final String KEY_SECRET = "binance-secret-c2VjcmV0";
    static final String PASSWORD = "a long password 42";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusalsOneByOneThenASaveThatStartsFollowingAndSurvivesARestart() throws Exception {
        try (FakeLeader leader = new FakeLeader(SECRET); FakeBinance binance = new FakeBinance()) {
            FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, KEY_SECRET);
            account.setBalance("USDC", "250.5");
            Map<String, String> env = RunningApp.setupEnv(dir);
            env.put("BINANCE_BASE_URL", binance.baseUrl());
            env.put("POLL_INTERVAL_SECONDS", "1");
            String base = "http://127.0.0.1:" + env.get("PORT");
            List<String> answers = new ArrayList<>();
            String code;
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                code = SetupLog.awaitCode(app);
                assertEquals(1, SetupLog.count(app, code), "the code appears once in the log");
                assertEquals("{\"configured\":false,\"setup_mode\":true}", get(base + "/api/setup/status").body());
                HttpResponse<String> root = get(base + "/");
                assertEquals(302, root.statusCode());
                assertEquals("/setup", root.headers().firstValue("Location").orElse(""));
                HttpResponse<String> page = get(base + "/setup");
                assertEquals(200, page.statusCode());
                assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
                assertFalse(page.body().contains("<script>"), "no inline script");
                // en mode installation, rien d'autre ne répond : ni l'API, ni les métriques, ni un dépôt
                for (String closed : List.of("/api/agent/status", "/api/trades", "/api/signals", "/metrics",
                        "/api/trades.csv", "/api/budget")) {
                    expect(403, get(base + closed), "not set up yet");
                }
                expect(403, post(base + "/api/budget/deposit", Map.of("amount_eur", 100000)), "not set up yet");
                expect(403, post(base + "/api/agent/toggle", Map.of("paused", true)), "not set up yet");
                assertTrue(leader.requests().isEmpty(), "nothing polls in setup mode");

                Map<String, Object> good = form(code, leader.url());
                // sans code, puis avec un mauvais : 403, rien de vérifié
                Map<String, Object> noCode = new HashMap<>(good);
                noCode.remove("setup_code");
                answers.add(expect(403, post(base + "/api/setup/validate", noCode), "setup code is required"));
                answers.add(expect(403, post(base + "/api/setup/save", with(good, "setup_code", "ABCD-EFGH")), "wrong setup code"));
                answers.add(expect(403, post(base + "/api/setup/save", "not json"), "setup code is required"));
                assertTrue(leader.requests().isEmpty(), "a refused call reaches nobody");

                // des champs faux : 400 et toutes les fautes à la fois
                Map<String, Object> bad = new HashMap<>(Map.of("setup_code", code.toLowerCase().replace("-", " "),
                        "leader_url", "ftp://x", "trading_mode", "yolo", "initial_budget_eur", "-3",
                        "dashboard_user", "a:b", "dashboard_password", "short"));
                HttpResponse<String> refused = post(base + "/api/setup/save", bad);
                answers.add(refused.body());
                assertEquals(400, refused.statusCode(), refused.body());
                List<String> errors = texts(json(refused.body()).path("errors"));
                assertEquals(6, errors.size(), errors.toString());
                for (String word : List.of("Leader address", "Signal secret", "Mode", "Budget", "Dashboard user", "Dashboard password")) {
                    assertTrue(errors.stream().anyMatch(e -> e.startsWith(word)), word + " in " + errors);
                }
                assertTrue(json(refused.body()).path("error").asText().startsWith("6 problems: "));
                Map<String, Object> live = with(with(with(good, "trading_mode", "live"), "binance_api_key", ""), "binance_api_secret", null);
                errors = texts(json(post(base + "/api/setup/save", live).body()).path("errors"));
                assertEquals(List.of("Binance API key: required in live mode", "Binance API secret: required in live mode"), errors);
                // la seconde saisie du mot de passe (la page l'envoie) : trop court ET différent, les deux dits ensemble
                Map<String, Object> twoPasswords = with(with(good, "dashboard_password", "short"), "dashboard_password_again", "shorter");
                errors = texts(json(post(base + "/api/setup/save", twoPasswords).body()).path("errors"));
                assertEquals(List.of("Dashboard password: at least 10 characters", "Dashboard password: the two passwords differ"), errors);

                // un mauvais secret : le leader répond 403, dit en mots
                HttpResponse<String> wrongSecret = post(base + "/api/setup/validate", with(good, "signal_secret", "not-the-secret"));
                answers.add(wrongSecret.body());
                JsonNode verdict = json(wrongSecret.body());
                assertEquals(200, wrongSecret.statusCode());
                assertFalse(verdict.path("leader_ok").asBoolean());
                assertEquals(403, verdict.path("leader_status").asInt());
                assertTrue(verdict.path("errors").get(0).asText().contains("check the signal secret, and this machine's clock"));
                assertEquals(400, post(base + "/api/setup/save", with(good, "signal_secret", "not-the-secret")).statusCode());
                // le leader est tout de même vérifié quand seul le mot de passe du tableau de bord est à revoir
                errors = texts(json(post(base + "/api/setup/save", with(with(with(good, "signal_secret", "not-the-secret"),
                        "dashboard_password", "short"), "dashboard_password_again", "short!")).body()).path("errors"));
                assertEquals(3, errors.size(), errors.toString());
                assertTrue(errors.get(0).contains("check the signal secret"), errors.toString());
                assertEquals(List.of("Dashboard password: at least 10 characters", "Dashboard password: the two passwords differ"),
                        errors.subList(1, 3));

                // une clé qui peut retirer : refusée, avec la manière de couper ce droit
                account.allowWithdrawals(true);
                Map<String, Object> withKey = with(with(with(good, "trading_mode", "live"), "binance_api_key", KEY), "binance_api_secret", KEY_SECRET);
                HttpResponse<String> canWithdraw = post(base + "/api/setup/validate", withKey);
                answers.add(canWithdraw.body());
                JsonNode keyVerdict = json(canWithdraw.body());
                assertTrue(keyVerdict.path("leader_ok").asBoolean(), canWithdraw.body());
                assertFalse(keyVerdict.path("binance_ok").asBoolean());
                assertTrue(keyVerdict.path("withdrawals_enabled").asBoolean());
                assertEquals("250.5", keyVerdict.path("binance_balance_usdc").decimalValue().stripTrailingZeros().toPlainString());
                assertTrue(keyVerdict.path("errors").get(0).asText().contains("untick \"Enable Withdrawals\""));
                HttpResponse<String> refusedKey = post(base + "/api/setup/save", withKey);
                answers.add(refusedKey.body());
                assertEquals(400, refusedKey.statusCode());
                assertTrue(refusedKey.body().contains("allowed to withdraw"));
                account.allowWithdrawals(false);
                JsonNode goodKey = json(post(base + "/api/setup/validate", withKey).body());
                assertTrue(goodKey.path("binance_ok").asBoolean(), goodKey.toString());
                assertFalse(goodKey.path("withdrawals_enabled").asBoolean());
                assertTrue(binance.calls("/sapi/v1/account/apiRestrictions") >= 3);
                assertFalse(Files.exists(dir.resolve("config.json")), "nothing saved by a refusal or a validate");

                // le bon enregistrement, en dry run
                HttpResponse<String> saved = post(base + "/api/setup/save", good);
                answers.add(saved.body());
                assertEquals(200, saved.statusCode(), saved.body());
                assertEquals("{\"success\":true}", saved.body());
                // l'authentification Basic est posée sans redémarrer le processus, le suivi démarre
                Await.until("the dashboard behind the password", Duration.ofSeconds(30), () -> get(base + "/api/budget").statusCode() == 401);
                String auth = basic("calv", PASSWORD);
                Await.until("the leader polled", Duration.ofSeconds(30), () -> leader.requests().stream().anyMatch(FakeLeader.Request::accepted));
                JsonNode status = json(get(base + "/api/agent/status", auth).body());
                assertEquals("dry_run", status.path("mode").asText());
                assertEquals("***", status.path("leader_url").asText());
                assertEquals(0, json(get(base + "/api/budget", auth).body()).path("total_deposited_eur").decimalValue()
                        .compareTo(new java.math.BigDecimal("250")), "the budget chosen on the page");
                assertEquals("{\"configured\":true,\"setup_mode\":false}", get(base + "/api/setup/status", auth).body());
                answers.add(expect(409, post(base + "/api/setup/save", good, auth), "already configured"));
                answers.add(expect(409, post(base + "/api/setup/validate", good, auth), "already configured"));
                HttpResponse<String> setupAgain = get(base + "/setup", auth);
                assertEquals(302, setupAgain.statusCode());
                assertEquals("/", setupAgain.headers().firstValue("Location").orElse(""));
                assertEquals(200, get(base + "/", auth).statusCode());
                assertTrue(app.isAlive(), "the same process, never restarted");
                // l'application d'avant ne laisse rien derrière elle : un seul serveur HTTP, un seul fil de
                // poll, une seule base ouverte (ses fichiers -wal/-shm compris). Les clients HTTP des
                // vérifications finissent avec le ramasse-miettes : pas comptés ici.
                Map<String, Long> threads = threadNames(app.pid());
                for (String single : List.of("poll-cycle", "vert.x-acceptor-thread-N", "vert.x-eventloop-thread-N",
                        "Camel (camel-N) thread #N - timer://poll-leader")) {
                    assertEquals(1L, threads.getOrDefault(single, 0L), single + " in " + threads);
                }
                // une seule base : chaque connexion tient la base et son -wal, le -shm est partagé ; la réserve
                // de la nouvelle application garde au plus 4 connexions (deux si une lecture de l'API a croisé
                // l'instantané du poll), celle de l'ancienne n'en garde aucune
                Map<String, Long> files = databaseFiles(app.pid());
                assertEquals(1L, files.getOrDefault("calvalot.db-shm", 0L), files.toString());
                assertEquals(files.get("calvalot.db"), files.get("calvalot.db-wal"), files.toString());
                assertTrue(files.get("calvalot.db") <= 4, files.toString());

                app.terminate();
                app.waitForExit(Duration.ofSeconds(30));
                String log = app.stdout() + app.stderr();
                assertEquals(1, SetupLog.count(app, code), "the code only in its own line");
                assertTrue(log.contains("Setup saved to "), log);
                for (String secret : List.of(SECRET, KEY, KEY_SECRET, PASSWORD, leader.url())) {
                    assertFalse(log.contains(secret), "the log holds a secret: " + secret);
                }
            }

            // le fichier : 0600, les clés des variables, le mot de passe seulement haché
            Path file = dir.resolve("config.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            JsonNode saved = json(Files.readString(file));
            assertEquals(List.of("API_PASSWORD_HASH", "API_USER", "BINANCE_TESTNET", "INITIAL_BUDGET_EUR", "LEADER_URL",
                    "SIGNAL_SECRET", "TRADING_MODE"), fieldNames(saved));
            saved.fields().forEachRemaining(f -> assertTrue(f.getValue().isTextual(), f.getKey() + " is text"));
            assertEquals(leader.url(), saved.path("LEADER_URL").asText());
            assertEquals("dry_run", saved.path("TRADING_MODE").asText());
            assertEquals("250", saved.path("INITIAL_BUDGET_EUR").asText());
            assertEquals("calv", saved.path("API_USER").asText());
            assertTrue(saved.path("API_PASSWORD_HASH").asText().startsWith("pbkdf2:sha256:600000$"));
            assertTrue(WerkzeugHash.parse(saved.path("API_PASSWORD_HASH").asText()).matches(PASSWORD));
            assertFalse(Files.readString(file).contains(PASSWORD));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("tmp")).toList(), "no temporary file left");
            }
            for (String answer : answers) {
                for (String secret : List.of(SECRET, KEY, KEY_SECRET, PASSWORD, code, code.replace("-", ""), leader.url())) {
                    assertFalse(answer.contains(secret), "an answer holds a secret: " + answer);
                }
            }
            String hash = saved.path("API_PASSWORD_HASH").asText();
            for (String cell : DatabaseCells.all(dir.resolve("calvalot.db"))) {
                for (String secret : List.of(SECRET, PASSWORD, hash, code, leader.url())) {
                    assertFalse(cell.contains(secret), "the database holds a secret: " + cell);
                }
            }

            // un redémarrage repart configuré, sans mode installation
            int polled = leader.requests().size();
            try (ChildProcess again = ChildProcess.start(env, dir.resolve("logs2"))) {
                Await.until("/health", Duration.ofSeconds(60), () -> get(base + "/health").statusCode() == 200);
                Await.until("the leader polled again", Duration.ofSeconds(30), () -> leader.requests().size() > polled);
                assertEquals(401, get(base + "/").statusCode());
                assertEquals(200, get(base + "/", basic("calv", PASSWORD)).statusCode());
                assertFalse((again.stdout() + again.stderr()).contains("Setup: open"), "no setup line once configured");
            }
        }
    }

    /** Les fils du processus par nom, chiffres remplacés par N (jcmd Thread.print). */
    private static Map<String, Long> threadNames(long pid) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process jcmd = new ProcessBuilder(java, String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.waitFor(), dump);
        return dump.lines().filter(l -> l.startsWith("\""))
                .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("[0-9]+", "N"))
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }

    /** Les descripteurs ouverts sur la base, par nom de fichier (calvalot.db, -wal, -shm). */
    private static Map<String, Long> databaseFiles(long pid) throws java.io.IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.map(SetupApiTest::target).filter(t -> t.contains("calvalot.db"))
                    .map(t -> t.substring(t.lastIndexOf('/') + 1))
                    .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.TreeMap::new,
                            java.util.stream.Collectors.counting()));
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return ""; // un descripteur fermé entre-temps
        }
    }

    @Test
    void fiveWrongCodesLockSetupUntilRestart() throws Exception {
        Map<String, String> env = RunningApp.setupEnv(dir);
        String base = "http://127.0.0.1:" + env.get("PORT");
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            String code = SetupLog.awaitCode(app);
            Map<String, Object> form = form(code, "http://127.0.0.1:9");
            String wrong = code.equals("AAAA-AAAA") ? "BBBB-BBBB" : "AAAA-AAAA";
            for (int i = 0; i < 5; i++) {
                expect(403, post(base + "/api/setup/validate", with(form, "setup_code", wrong)), "wrong setup code");
            }
            expect(429, post(base + "/api/setup/validate", form), "locked");
            expect(429, post(base + "/api/setup/save", form), "locked");
            assertFalse(Files.exists(dir.resolve("config.json")));
            app.terminate();
            app.waitForExit(Duration.ofSeconds(30));
        }
        // au redémarrage, un .env qui fixe le budget et l'utilisateur (comme celui de la voie .env)
        env.put("INITIAL_BUDGET_EUR", "100.0");
        env.put("API_USER", "calv");
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs2"))) {
            String code = SetupLog.awaitCode(app);
            Map<String, Object> sameAsEnv = with(form(code, "http://127.0.0.1:9"), "initial_budget_eur", "100");
            HttpResponse<String> answer = post(base + "/api/setup/validate", sameAsEnv);
            assertEquals(200, answer.statusCode(), "a restart makes a new code and unlocks");
            assertEquals(List.of("The leader could not be reached: check the address, and that this machine can reach the internet"),
                    texts(json(answer.body()).path("errors")), answer.body());
            assertNull(json(answer.body()).path("leader_status").textValue());
            // un choix que l'environnement écraserait sans bruit est refusé, sans citer aucune valeur
            HttpResponse<String> overridden = post(base + "/api/setup/save", form(code, "http://127.0.0.1:9"));
            assertEquals(400, overridden.statusCode());
            assertEquals(List.of("Budget: INITIAL_BUDGET_EUR is set in the environment (.env), which wins over this page; "
                    + "remove it from .env and restart, or choose the same value here"), texts(json(overridden.body()).path("errors")));
        }
    }

    @Test
    void aLiveSetupKeepsTheKeyOnlyInTheFileAndTradesOnTheAccount() throws Exception {
        try (FakeLeader leader = new FakeLeader(SECRET); FakeBinance binance = new FakeBinance()) {
            FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, KEY_SECRET);
            Map<String, String> env = RunningApp.setupEnv(dir);
            env.put("BINANCE_BASE_URL", binance.baseUrl());
            env.put("POLL_INTERVAL_SECONDS", "1");
            String base = "http://127.0.0.1:" + env.get("PORT");
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                String code = SetupLog.awaitCode(app);
                Map<String, Object> live = with(with(with(form(code, leader.url()), "trading_mode", "live"),
                        "binance_api_key", KEY), "binance_api_secret", KEY_SECRET);
                HttpResponse<String> saved = post(base + "/api/setup/save", live);
                assertEquals(200, saved.statusCode(), saved.body());
                String auth = basic("calv", PASSWORD);
                // pendant la reconstruction (une seconde environ), le serveur peut ne pas répondre en JSON
                Await.until("the follower back, in live mode", Duration.ofSeconds(30),
                        () -> get(base + "/api/agent/status", auth).body().contains("\"mode\":\"live\""));
                leader.publish(Json.write(Map.of("signal_id", "live-1", "version", 1,
                        "actions", List.of(Map.of("coin", "BTCUSDC", "action", "BUY", "pct_of_capital", 0.1)))));
                Await.until("a real order on the account", Duration.ofSeconds(30), () -> !account.orders().isEmpty());
                app.terminate();
                app.waitForExit(Duration.ofSeconds(30));
                String log = app.stdout() + app.stderr();
                for (String secret : List.of(SECRET, KEY, KEY_SECRET, PASSWORD)) {
                    assertFalse(log.contains(secret), "the log holds a secret: " + secret);
                }
            }
            JsonNode file = json(Files.readString(dir.resolve("config.json")));
            assertEquals("live", file.path("TRADING_MODE").asText());
            assertEquals(KEY, file.path("BINANCE_API_KEY").asText());
            assertEquals(KEY_SECRET, file.path("BINANCE_API_SECRET").asText());
            for (String cell : DatabaseCells.all(dir.resolve("calvalot.db"))) {
                for (String secret : List.of(KEY, KEY_SECRET, SECRET, PASSWORD)) {
                    assertFalse(cell.contains(secret), "the database holds a secret: " + cell);
                }
            }
        }
    }

    static Map<String, Object> form(String code, String leaderUrl) {
        Map<String, Object> form = new HashMap<>();
        form.put("setup_code", code);
        form.put("leader_url", leaderUrl);
        form.put("signal_secret", SECRET);
        form.put("trading_mode", "dry_run");
        form.put("initial_budget_eur", 250);
        form.put("dashboard_user", "calv");
        form.put("dashboard_password", PASSWORD);
        return form;
    }

    static Map<String, Object> with(Map<String, Object> form, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    private static String expect(int status, HttpResponse<String> answer, String words) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(json(answer.body()).path("error").asText().contains(words), answer.body());
        return answer.body();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().collect(Collectors.toList());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String url, String... auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (auth.length > 0) {
            request.header("Authorization", auth[0]);
        }
        return send(request);
    }

    private HttpResponse<String> post(String url, Object body, String... auth) {
        String text = body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text));
        if (auth.length > 0) {
            request.header("Authorization", auth[0]);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Refused();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text);
        }
    }

    /** Une connexion refusée (le serveur entre deux vies) : un statut -1, jamais une exception. */
    private static final class Refused implements HttpResponse<String> {
        public int statusCode() { return -1; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
