package com.calvalot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** GET /api/trades.csv relu par un vrai lecteur CSV, comparé à /api/trades, et lu en flux sous le tas du conteneur. */
class TradesCsvTest {

    static final List<String> HEADER = List.of("created_at", "coin", "action", "quantity", "price", "amount_usdt",
            "fee_usdt", "fee_asset", "signal_id", "client_order_id", "is_simulated");

    @TempDir
    Path dir;

    /** Écrit {@code count} trades, un toutes les {@code spacing}, à partir de {@code first}. */
    static void insertTrades(Path db, int count, Instant first, Duration spacing) throws Exception {
        try (Connection connection = Database.open(db).getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO trades (signal_id, client_order_id, "
                    + "coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at, fee_asset) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    // un signal_id qui exige les guillemets RFC 4180 (virgule, guillemet, saut de ligne)
                    insert.setString(1, i % 7 == 0 ? "sig,\"odd\"\nid-" + i : "sig-" + i);
                    insert.setString(2, "cal-" + i);
                    insert.setString(3, i % 2 == 0 ? "BTC" : "ETH");
                    insert.setString(4, i % 3 == 0 ? "SELL" : "BUY");
                    insert.setString(5, "12.3456789" + (i % 10));
                    insert.setString(6, "98765.4321");
                    insert.setString(7, "0.00012" + (i % 10));
                    insert.setString(8, "0.0123456" + (i % 10));
                    insert.setInt(9, 1);
                    insert.setString(10, first.plus(spacing.multipliedBy(i)).toString());
                    // une commission en BNB, en USDC, ou inconnue (un trade live d'avant la colonne)
                    insert.setString(11, i % 3 == 0 ? "BNB" : i % 3 == 1 ? "USDC" : null);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    static List<CSVRecord> parse(Reader csv) throws Exception {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            assertEquals(HEADER, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    private static BigDecimal sum(List<CSVRecord> rows, String column) {
        return rows.stream().map(r -> new BigDecimal(r.get(column))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void theExportReadsBackAsTheSameTradesAsTheApiOldestFirstWithExactDecimals() throws Exception {
        Map<String, String> env = RunningApp.env(dir);
        try (RunningApp app = RunningApp.start(env)) {
            // 90 trades, 8 heures d'écart : du 2026-03-01 au 2026-03-30
            insertTrades(dir.resolve("calvalot.db"), 90, Instant.parse("2026-03-01T00:00:00Z"), Duration.ofHours(8));
            HttpResponse<String> answer = app.get("/api/trades.csv");
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("text/csv; charset=utf-8", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.headers().firstValue("Content-Disposition").orElse("")
                    .matches("attachment; filename=\"calvalot-trades-start-\\d{4}-\\d{2}-\\d{2}\\.csv\""));
            List<CSVRecord> rows = parse(new java.io.StringReader(answer.body()));
            JsonNode api = Json.MAPPER.readTree(app.get("/api/trades?limit=100").body());
            assertEquals(api.size(), rows.size());
            BigDecimal apiAmount = BigDecimal.ZERO;
            BigDecimal apiFee = BigDecimal.ZERO;
            BigDecimal apiQuantity = BigDecimal.ZERO;
            for (JsonNode trade : api) {
                apiAmount = apiAmount.add(trade.path("amount_usdt").decimalValue());
                apiFee = apiFee.add(trade.path("fee_usdt").decimalValue());
                apiQuantity = apiQuantity.add(trade.path("quantity").decimalValue());
            }
            assertEquals(0, apiAmount.compareTo(sum(rows, "amount_usdt")));
            assertEquals(0, apiFee.compareTo(sum(rows, "fee_usdt")));
            assertEquals(0, apiQuantity.compareTo(sum(rows, "quantity")));
            assertEquals("2026-03-01T00:00:00Z", rows.get(0).get("created_at"), "oldest first");
            assertEquals("sig,\"odd\"\nid-0", rows.get(0).get("signal_id"), "RFC 4180 quoting survives a round trip");
            assertEquals("12.3456789", rows.get(0).get("amount_usdt"), "exact, without trailing zeros");
            assertEquals("BNB", rows.get(0).get("fee_asset"));
            assertEquals("USDC", rows.get(1).get("fee_asset"));
            assertEquals("", rows.get(2).get("fee_asset"), "unknown stays empty");
            List<String> apiAssets = new java.util.ArrayList<>();
            api.forEach(trade -> apiAssets.add(trade.path("fee_asset").isNull() ? "" : trade.path("fee_asset").asText()));
            java.util.Collections.reverse(apiAssets);
            assertEquals(apiAssets, rows.stream().map(r -> r.get("fee_asset")).toList(), "the asset /api/trades shows");
            assertFalse(answer.body().contains("E-"), "never an exponent");
        }
    }

    @Test
    void aRangeKeepsWholeUtcDaysAndABadRangeAnswers400Json() throws Exception {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir))) {
            insertTrades(dir.resolve("calvalot.db"), 12, Instant.parse("2026-03-01T00:00:00Z"), Duration.ofHours(6));
            HttpResponse<String> day = app.get("/api/trades.csv?from=2026-03-02&to=2026-03-02");
            assertEquals(200, day.statusCode());
            assertEquals("attachment; filename=\"calvalot-trades-2026-03-02-2026-03-02.csv\"",
                    day.headers().firstValue("Content-Disposition").orElse(""));
            List<CSVRecord> rows = parse(new java.io.StringReader(day.body()));
            assertEquals(List.of("2026-03-02T00:00:00Z", "2026-03-02T06:00:00Z", "2026-03-02T12:00:00Z",
                    "2026-03-02T18:00:00Z"), rows.stream().map(r -> r.get("created_at")).toList());
            assertEquals(8, parse(new java.io.StringReader(app.get("/api/trades.csv?from=2026-03-02").body())).size());
            assertEquals(4, parse(new java.io.StringReader(app.get("/api/trades.csv?to=2026-03-01").body())).size());
            assertEquals(0, parse(new java.io.StringReader(app.get("/api/trades.csv?from=2027-01-01").body())).size());

            for (String bad : List.of("from=2026-03-05&to=2026-03-01", "from=yesterday", "to=2026-02-30",
                    "from=2026-3-1", "to=2026-03-01T00:00:00Z", "from=%27%20OR%201=1")) {
                HttpResponse<String> refused = app.get("/api/trades.csv?" + bad);
                assertEquals(400, refused.statusCode(), bad);
                assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), bad);
                assertTrue(Json.MAPPER.readTree(refused.body()).path("error").isTextual(), refused.body());
            }
        }
    }

    @Test
    void aHundredThousandTradesStreamOutOfTheContainersHeap() throws Exception {
        Map<String, String> env = RunningApp.env(dir);
        RunningApp.start(env).close();
        // 100 000 trades (~20 Mo de CSV) : gardés en mémoire, ils ne tiendraient pas dans -Xmx64m
        int count = 100_000;
        insertTrades(dir.resolve("calvalot.db"), count, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMinutes(5));
        try (ChildProcess child = ChildProcess.start(env, dir)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + env.get("PORT");
            Await.until("the child serves", Duration.ofSeconds(30), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            // un client qui lit 16 Ko puis s'en va : l'export n'a lu que ce que la réponse a pu prendre
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(env.get("PORT")))) {
                socket.getOutputStream().write("GET /api/trades.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals(16_384, socket.getInputStream().readNBytes(16_384).length);
            }
            java.util.regex.Matcher stopped = Await.value("the export stopped with the client", Duration.ofSeconds(10),
                    () -> java.util.regex.Pattern.compile("Trade export stopped after (\\d+) rows: the client left")
                            .matcher(child.stdout() + child.stderr()), java.util.regex.Matcher::find);
            assertTrue(Long.parseLong(stopped.group(1)) < count / 4,
                    "read ahead of the client: " + stopped.group(1) + " rows");

            HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(java.net.URI.create(base
                    + "/api/trades.csv")).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Length").isEmpty(), "sent as it is read, not built first");
            long rows = 0;
            BigDecimal fees = BigDecimal.ZERO;
            try (Reader reader = new InputStreamReader(answer.body(), StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                for (CSVRecord record : parser) {
                    rows++;
                    fees = fees.add(new BigDecimal(record.get("fee_usdt")));
                }
            }
            assertEquals(count, rows);
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < 10; i++) {
                expected = expected.add(new BigDecimal("0.0123456" + i).multiply(BigDecimal.valueOf(count / 10)));
            }
            assertEquals(0, expected.compareTo(fees));
            assertTrue(child.isAlive());
            child.terminate();
            child.waitForExit(Duration.ofSeconds(20));
            String log = child.stdout() + child.stderr();
            assertFalse(log.contains("OutOfMemoryError"), log);
        }
    }
}
