package com.calvalot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.RunningApp;

/** config.json à côté de la base (setup.md) : lu après l'environnement, validé comme lui. */
class SettingsFileTest {

    /**
     * Ce qu'écrit le save_config() du suiveur d'origine (json.dump, indent=2) depuis sa page : des
     * clés Binance même en dry run (sa page les exigeait), des booléens et nombres en texte.
     */
    static String originalConfig(String leaderUrl, String secret) {
        return "{\n  \"LEADER_URL\": \"" + leaderUrl + "\",\n  \"SIGNAL_SECRET\": \"" + secret + "\",\n"
                + "  \"BINANCE_API_KEY\": \"orig-key-123\",\n  \"BINANCE_API_SECRET\": \"orig-secret-456\",\n"
                + "  \"BINANCE_TESTNET\": \"false\",\n  \"TRADING_MODE\": \"dry_run\",\n  \"INITIAL_BUDGET_EUR\": \"150.5\"\n}";
    }

    @TempDir
    Path dir;

    @Test
    void theOriginalFollowersFileIsReadAsItIs() throws Exception {
        Files.writeString(dir.resolve("config.json"), originalConfig("https://leader.example/", "s3cret"));
        Settings settings = new ConfigurationSource(Map.of("DB_PATH", dir.resolve("calvalot.db").toString()), "x").load();
        assertEquals("https://leader.example", settings.leaderUrl());
        assertEquals("s3cret", settings.signalSecret());
        assertEquals(TradingMode.DRY_RUN, settings.tradingMode());
        assertEquals(new BigDecimal("150.5"), settings.initialBudgetEur());
        assertFalse(settings.binanceTestnet());
        assertFalse(settings.setupMode());
    }

    @Test
    void theEnvironmentWinsAndAnEmptyVariableLetsTheFileSpeak() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"POLL_INTERVAL_SECONDS\": \"30\", \"PORT\": \"9999\", "
                + "\"INITIAL_BUDGET_EUR\": 250, \"DB_PATH\": \"/elsewhere/x.db\", \"UNKNOWN_KEY\": \"kept quiet\"}");
        Map<String, String> env = new HashMap<>(Map.of("DB_PATH", dir.resolve("calvalot.db").toString(), "PORT", "8181",
                "POLL_INTERVAL_SECONDS", " "));
        Settings settings = new ConfigurationSource(env, "x").load();
        assertEquals(8181, settings.port());
        assertEquals(30, settings.pollIntervalSeconds());
        assertEquals(new BigDecimal("250"), settings.initialBudgetEur());
        assertEquals(dir.resolve("calvalot.db"), settings.dbPath(), "the file never moves the database");
        assertTrue(settings.setupMode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"POLL_INTERVAL_SECONDS\": \"0\"}|POLL_INTERVAL_SECONDS in FILE must be a whole number from 1 to 86400, got '0'",
        "{\"TRADING_MODE\": \"yolo\"}|TRADING_MODE in FILE must be dry_run or live, got 'yolo'",
        "{\"LEADER_URL\": \"https://leader.example\"}|SIGNAL_SECRET is required when LEADER_URL is set (the HMAC secret shared with the leader) (LEADER_URL is read from FILE)",
        "{\"LEADER_URL\": [1]}|LEADER_URL in FILE must be a text value",
        "{\"LEADER_URL\": \"x\",|FILE must be a JSON object of \"VARIABLE\": \"value\" pairs; it is not valid JSON",
        "{\"API_PASSWORD_HASH\": \"plain-password\"}|API_PASSWORD_HASH in FILE must be a Werkzeug hash, pbkdf2:sha256:<iterations>$<salt>$<hex> or scrypt:<n>:<r>:<p>$<salt>$<hex>",
        "[]|FILE must be a JSON object of \"VARIABLE\": \"value\" pairs",
    })
    void aBadValueInTheFileNamesTheVariableAndTheFile(String content, String expected) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, content);
        ConfigurationSource source = new ConfigurationSource(Map.of("DB_PATH", dir.resolve("calvalot.db").toString()), "x");
        SettingsException refused = assertThrows(SettingsException.class, source::load);
        assertEquals(expected.replace("FILE", file.toString()), refused.getMessage());
    }

    @Test
    void writingIsAtomicPrivateAndReadBack() throws Exception {
        Path file = dir.resolve("sub").resolve("config.json");
        SettingsFile.write(file, Map.of("LEADER_URL", "https://a.example", "SIGNAL_SECRET", "x\"y"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Map.of("LEADER_URL", "https://a.example", "SIGNAL_SECRET", "x\"y"), SettingsFile.read(file));
        SettingsFile.write(file, Map.of("LEADER_URL", "https://b.example"));
        assertEquals(Map.of("LEADER_URL", "https://b.example"), SettingsFile.read(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    private static java.net.http.HttpResponse<String> get(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Dans un vrai processus : une ligne sur stderr qui nomme la variable et le fichier, et rien ne démarre. */
    @Test
    void aBadValueInTheFileStopsStartUpWithOneLine() throws Exception {
        Map<String, String> env = RunningApp.env(dir);
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"LEADER_URL\": \"https://leader.example\", \"SIGNAL_SECRET\": \"s\", \"REBALANCE_THRESHOLD_PCT\": \"2\"}");
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(List.of("calv-a-lot: bad setting: REBALANCE_THRESHOLD_PCT in " + file
                    + " must be a fraction from 0 to 1, got '2'"), lines);
        }
        assertFalse(Files.exists(dir.resolve("calvalot.db")), "nothing starts half-configured");
    }

    /** Le fichier du suiveur d'origine, tel quel : le processus démarre configuré et suit son leader. */
    @Test
    void aFollowerConfiguredByTheOriginalStartsFollowing() throws Exception {
        try (FakeLeader leader = new FakeLeader("orig-secret")) {
            Map<String, String> env = RunningApp.setupEnv(dir);
            Files.writeString(dir.resolve("config.json"), originalConfig(leader.url(), "orig-secret"));
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                Await.until("a signed poll accepted by the leader", Duration.ofSeconds(60),
                        () -> leader.requests().stream().anyMatch(FakeLeader.Request::accepted));
                String base = "http://127.0.0.1:" + env.get("PORT");
                assertEquals(0, Json.MAPPER.readTree(get(base + "/api/budget").body()).path("total_deposited_eur").decimalValue()
                        .compareTo(new BigDecimal("150.5")));
                assertEquals(200, get(base + "/").statusCode(), "the dashboard, not the setup page");
                assertFalse((app.stdout() + app.stderr()).contains("Setup: open"));
            }
        }
    }
}
