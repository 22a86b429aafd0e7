package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SmallDisk;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un disque plein pour de vrai (issue 29, point 2) : la base sur un tmpfs de 16 Mo rempli jusqu'au
 * dernier octet. Le WAL est d'abord vidé (checkpoint TRUNCATE) : la prochaine transaction doit
 * agrandir un fichier, comme sur une carte pleine. Rien n'est perdu, rien n'est doublé, l'agent se
 * met en pause seul (disk_full, /health dit pourquoi) et reprend seul quand la place revient.
 */
class DiskFullTest {

    private static final String SECRET = "disk-full-signal-secret";

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
    private final FakeLeader leader = new FakeLeader(SECRET);
    private SmallDisk disk;
    private RunningApp app;

    @BeforeEach
    void smallDisk() {
        System.setProperty("calvalot.disk.checkMs", "200");
        disk = SmallDisk.mount(dir.resolve("disk"), 16);
        assumeTrue(disk != null, "mounting a tmpfs needs root (CAP_SYS_ADMIN): the full-disk test is skipped");
    }

    @AfterEach
    void stop() {
        System.clearProperty("calvalot.disk.checkMs");
        if (app != null) {
            app.close();
        }
        leader.close();
        binance.close();
        if (disk != null) {
            disk.close();
        }
    }

    private void start() {
        Map<String, String> env = LiveTradingTest.liveEnv(disk.path(), binance);
        env.putAll(FakeLeader.env(leader, SECRET));
        env.put("POLL_INTERVAL_SECONDS", "3600");
        app = RunningApp.start(env);
        Await.until("the first poll", Duration.ofSeconds(30),
                () -> app.sql().one("SELECT last_poll_time FROM agent_state", rs -> rs.getObject(1)) != null);
    }

    /** Le disque plein : le WAL vidé dans la base, puis plus un octet de libre. */
    private void fillTheDisk() {
        app.sql().one("PRAGMA wal_checkpoint(TRUNCATE)", rs -> rs.getInt(1));
        disk.fill();
    }

    private JsonNode status() {
        try {
            return Json.MAPPER.readTree(app.get("/api/agent/status").body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int count(String query) {
        return app.sql().one(query, rs -> rs.getInt(1));
    }

    @Test
    void aSignalArrivingWhileTheDiskIsFullSendsNoOrderAndTheAgentResumesByItself() {
        start();
        fillTheDisk();
        leader.publish("""
                {"signal_id": "full-1", "version": 1,
                 "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.2}]}
                """);
        app.send("POST", "/api/agent/poll", null);
        Await.until("the disk_full pause", Duration.ofSeconds(10), () -> "disk_full".equals(status().path("pause_reason").asText()));
        assertTrue(status().path("paused").asBoolean());
        HttpResponse<String> health = app.get("/health");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("\"reason\":\"disk_full: the database cannot be written (SQLITE_FULL"), health.body());
        // en pause : plus aucun poll, donc aucun ordre
        assertEquals(409, app.send("POST", "/api/agent/poll", null).statusCode());
        assertEquals(0, account.orders().size(), "no order without its intent written");

        disk.free();
        Await.until("the agent resumed by itself", Duration.ofSeconds(10), () -> !status().path("paused").asBoolean());
        assertEquals(200, app.get("/health").statusCode());
        // le signal, jamais enregistré pendant la panne, est relu et copié une fois
        app.poll();
        Await.until("the signal executed", Duration.ofSeconds(20),
                () -> count("SELECT count(*) FROM signals WHERE signal_id = 'full-1' AND status = 'executed'") == 1);
        assertEquals(1, account.orders().size());
        assertEquals(1, count("SELECT count(*) FROM trades WHERE signal_id = 'full-1'"));
    }

    @Test
    void anOrderWhoseFillCouldNotBeRecordedIsRecordedExactlyOnceOnceSpaceReturns() {
        start();
        // la bourse exécute l'ordre ; avant que sa réponse arrive, le disque est plein
        account.beforeNextAnswer(this::fillTheDisk);
        leader.publish("""
                {"signal_id": "full-2", "version": 1,
                 "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.2}]}
                """);
        app.send("POST", "/api/agent/poll", null);
        Await.until("the disk_full pause", Duration.ofSeconds(10), () -> "disk_full".equals(status().path("pause_reason").asText()));
        assertEquals(1, account.orders().size());
        assertEquals(0, count("SELECT count(*) FROM trades"));
        assertEquals(1, count("SELECT count(*) FROM order_intents WHERE signal_id = 'full-2' AND status = 'sending'"),
                "the intent written before the order says to ask the exchange");

        disk.free();
        Await.until("the fill recorded", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM trades WHERE signal_id = 'full-2'") == 1
                        && count("SELECT count(*) FROM signals WHERE signal_id = 'full-2' AND status = 'executed'") == 1);
        assertEquals(1, account.orders().size(), "found on the exchange, never sent again");
        assertEquals(1, count("SELECT count(*) FROM trades"));
        assertEquals(1, count("SELECT count(*) FROM order_intents WHERE signal_id = 'full-2' AND status = 'filled'"));
        assertTrue(!status().path("paused").asBoolean());
    }

    @Test
    void aManualPauseIsNeverLiftedByTheDiskComingBack() {
        start();
        assertEquals(200, app.send("POST", "/api/agent/toggle", "{\"paused\": true}").statusCode());
        fillTheDisk();
        // une écriture refusée (la correction du total déposé) : le disque est vu plein
        assertTrue(app.send("PUT", "/api/budget/deposit", "{\"total_eur\": 110}").statusCode() >= 500);
        Await.until("the disk seen full", Duration.ofSeconds(10), () -> app.get("/health").statusCode() == 503);
        disk.free();
        Await.until("writes accepted again", Duration.ofSeconds(10), () -> app.get("/health").statusCode() == 200);
        // deux passages de la garde de plus : la pause manuelle reste
        long ticks = System.nanoTime() + Duration.ofMillis(600).toNanos();
        Await.until("a few guard checks", Duration.ofSeconds(5), () -> System.nanoTime() > ticks);
        assertTrue(status().path("paused").asBoolean());
        assertEquals("manual", status().path("pause_reason").asText());
        assertEquals(0, account.orders().size());
    }
}
