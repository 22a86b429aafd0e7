package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.ShortBinanceDelays;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un signal qui arrive par le vrai poll (leader et Binance en doublures, live) : ses prix et le
 * compte sont demandés dès qu'il est reconnu nouveau, sa clé de déduplication et sa ligne sont
 * écrites ensemble, et un plan sans vente part avec ses achats déjà « sending ».
 */
@ExtendWith(ShortBinanceDelays.class)
class SignalFromLeaderTest {

    private static final String SECRET = "leader-and-follower-share-this";
    private static final List<String> PATHS = List.of("/api/v3/ticker/price", "/api/v3/account", "/api/v3/order",
            "/api/v3/exchangeInfo", "/api/v3/myTrades");

    @TempDir
    Path dir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        leader.close();
        binance.close();
    }

    private void startLive() {
        Map<String, String> env = FakeLeader.followerEnv(dir, leader, SECRET, binance);
        env.putAll(LiveTradingTest.liveEnv(dir, binance));
        env.putAll(FakeLeader.env(leader, SECRET));
        app = RunningApp.start(env);
        // un premier signal : le code chargé et les filtres en cache une heure, comme sur un suiveur qui tourne
        leader.publish(signal("warm-up", "BTCUSDC"));
        assertEquals("executed", app.poll().path("status").asText());
    }

    private static String signal(String id, String... buys) {
        StringBuilder actions = new StringBuilder();
        for (String pair : buys) {
            actions.append(actions.length() == 0 ? "" : ", ")
                    .append("{\"coin\": \"").append(pair).append("\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}");
        }
        return "{\"signal_id\": \"" + id + "\", \"version\": 1, \"actions\": [" + actions + "]}";
    }

    private Map<String, Integer> calls() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        PATHS.forEach(path -> calls.put(path, binance.calls(path)));
        return calls;
    }

    private List<String> rows(String sql, Object... params) {
        return app.sql().list(sql, rs -> rs.getString(1), params);
    }

    @Test
    void aBuysOnlySignalLeavesWithItsWholeWaveWrittenSendingAndCostsOneTickerOneAccountRead() {
        startLive();
        Map<String, Integer> before = calls();
        leader.publish(signal("buys-only", "ETHUSDC", "SOLUSDC", "XRPUSDC"));
        // des réponses lentes : l'état de la base se lit pendant que les trois ordres sont à la bourse
        account.slowNextOrders(3, 500);

        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(app::poll);
        Await.until("the three orders at the exchange", Duration.ofSeconds(10),
                () -> binance.calls("/api/v3/order") == before.get("/api/v3/order") + 3);

        assertEquals(List.of("sending", "sending", "sending"),
                rows("SELECT status FROM order_intents WHERE signal_id = ? ORDER BY seq", "buys-only"));
        assertEquals(List.of("executing"), rows("SELECT status FROM signals WHERE signal_id = ?", "buys-only"));
        assertEquals(List.of("buys-only"), rows("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", "buys-only"));

        assertEquals("executed", poll.join().path("status").asText());
        Map<String, Integer> spent = new LinkedHashMap<>();
        calls().forEach((path, n) -> spent.put(path, n - before.get(path)));
        assertEquals(Map.of("/api/v3/ticker/price", 1, "/api/v3/account", 1, "/api/v3/order", 3,
                "/api/v3/exchangeInfo", 0, "/api/v3/myTrades", 0), spent);
        assertEquals(List.of("filled", "filled", "filled"),
                rows("SELECT status FROM order_intents WHERE signal_id = ? ORDER BY seq", "buys-only"));
        assertEquals(List.of(), account.refusals());
    }

    @Test
    void aRejectedSignalAsksTheExchangeNothing() {
        startLive();
        Map<String, Integer> before = calls();
        leader.publish("{\"signal_id\": \"too-much\", \"version\": 1, "
                + "\"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 7}]}");

        assertEquals("rejected", app.poll().path("status").asText());

        assertEquals(before, calls());
        assertEquals(List.of("rejected"), rows("SELECT status FROM signals WHERE signal_id = ?", "too-much"));
    }

    @Test
    void aSignalWhoseRecordingFailsLeavesNoSeenMarkAndIsTakenOnTheNextPoll() {
        startLive();
        leader.publish(signal("recorded-later", "ETHUSDC"));
        app.sql().update("CREATE TRIGGER refuse_signals BEFORE INSERT ON signals BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        assertEquals("error", app.poll().path("status").asText());
        assertEquals(List.of(), rows("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", "recorded-later"));
        assertTrue(rows("SELECT signal_id FROM signals WHERE signal_id = ?", "recorded-later").isEmpty());
        assertEquals(1, account.orders().size(), "only the warm-up order");

        app.sql().update("DROP TRIGGER refuse_signals");
        assertEquals("executed", app.poll().path("status").asText());
        assertEquals(List.of("executed"), rows("SELECT status FROM signals WHERE signal_id = ?", "recorded-later"));
        assertEquals(2, account.orders().size());
    }
}
