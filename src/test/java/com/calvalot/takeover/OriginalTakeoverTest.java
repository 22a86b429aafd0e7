package com.calvalot.takeover;

import static com.calvalot.takeover.TakeoverFixture.bytes;
import static com.calvalot.takeover.TakeoverFixture.count;
import static com.calvalot.takeover.TakeoverFixture.files;
import static com.calvalot.takeover.TakeoverFixture.get;
import static com.calvalot.takeover.TakeoverFixture.poll;
import static com.calvalot.takeover.TakeoverFixture.startAfterFirstPoll;
import static com.calvalot.takeover.TakeoverFixture.v1Signal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.OriginalFollowerDb;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Passer de l'ancien suiveur à celui-ci : arrêter l'un, démarrer l'autre sur le même dossier. Un
 * mois d'historique repris tel quel, la sauvegarde identique à l'original, le signal courant du
 * leader vu en doublon (aucun ordre), un nouveau signal exécuté, un second démarrage sans effet.
 */
class OriginalTakeoverTest {

    @TempDir
    Path dir;

    private final FakeLeader leader = new FakeLeader(TakeoverFixture.SECRET);
    private final FakeBinance binance = new FakeBinance();

    @AfterEach
    void stop() {
        leader.close();
        binance.close();
    }

    private Path db() {
        return dir.resolve("calvalot.db");
    }

    @Test
    void aMonthOfTheOriginalsHistoryIsTakenOverOnceAndItsLastSignalIsNotTradedAgain() {
        OriginalFollowerDb original = OriginalFollowerDb.create(db()).realisticMonth(21_600);
        original.sql("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) "
                + "VALUES ('XRPUSDC', ?, 2.1, 0.63, ?)", 0.1 + 0.2, OriginalFollowerDb.at(OriginalFollowerDb.START));
        original.close();
        byte[] before = bytes(db());
        List<OriginalFollowerDb.Trade> trades = original.trades();
        leader.publish(v1Signal(original.lastSignalId(), "SOLUSDC", "BUY", "0.1"));
        Map<String, String> env = TakeoverFixture.env(dir, leader, binance);

        try (RunningApp app = startAfterFirstPoll(env)) {
            List<Path> backups = files(dir, "calvalot.db.original-");
            assertEquals(1, backups.size(), backups.toString());
            assertTrue(backups.get(0).getFileName().toString().matches("calvalot\\.db\\.original-\\d{8}T\\d{6}Z"));
            assertArrayEquals(before, bytes(backups.get(0)), "the backup is the original, byte for byte");

            // le signal courant du leader est celui que l'ancien suiveur a déjà traité : doublon, rien d'acheté
            JsonNode lastPoll = poll(app);
            assertEquals("duplicate", lastPoll.path("status").asText(), lastPoll.toString());
            assertEquals("sig-0090", lastPoll.path("signal_id").asText());
            assertEquals(trades.size(), count(app, "SELECT count(*) FROM trades"));

            assertEquals(91, count(app, "SELECT count(*) FROM signals"));
            assertEquals(91, count(app, "SELECT count(*) FROM CAMEL_MESSAGEPROCESSED"));
            assertEquals(4, count(app, "SELECT count(*) FROM positions"));
            assertEquals(1, count(app, "SELECT count(*) FROM withdrawals"));
            // le mois repris, puis éclairci au démarrage (README « Retention ») : le dernier instantané de
            // l'ancien suiveur est là et chaque jour du mois en garde au moins un, le graphique n'a pas de trou
            String lastOriginal = iso(OriginalFollowerDb.START.plusMinutes(2L * 21_599));
            assertEquals(1, count(app, "SELECT count(*) FROM portfolio_snapshots WHERE created_at = '" + lastOriginal + "'"));
            long days = java.time.temporal.ChronoUnit.DAYS.between(OriginalFollowerDb.START.toLocalDate(),
                    OriginalFollowerDb.START.plusMinutes(2L * 21_599).toLocalDate()) + 1;
            assertEquals(days, count(app, "SELECT count(DISTINCT substr(created_at, 1, 10)) FROM portfolio_snapshots "
                    + "WHERE created_at <= '" + lastOriginal + "'"));
            assertEquals(1, count(app, "SELECT initial_sync_done FROM agent_state"));

            // les montants : le décimal le plus court qui se relit en le même REAL, les sommes au centime près
            BigDecimal amounts = app.sql().list("SELECT amount_usdt FROM trades", rs -> new BigDecimal(rs.getString(1)))
                    .stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, trades.stream().map(t -> OriginalFollowerDb.decimal(t.amountUsdt()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(amounts));
            assertEquals(List.of("49.47", "0.04947"), app.sql().one("SELECT amount_usdt, fee_usdt FROM trades "
                    + "WHERE coin = 'ETHUSDC'", rs -> List.of(rs.getString(1), rs.getString(2))));
            assertEquals("0.30000000000000004", app.sql().one("SELECT quantity FROM positions WHERE coin = 'XRPUSDC'",
                    rs -> rs.getString(1)));

            // le tableau de bord : le budget, le cash qu'affichait l'ancien suiveur, les listes, le graphique
            JsonNode budget = get(app, "/api/budget");
            assertEquals("ACTIVE", budget.path("status").asText());
            assertEquals(0, new BigDecimal("1200").compareTo(budget.path("total_deposited_eur").decimalValue()));
            assertEquals(0, new BigDecimal("49.9").compareTo(budget.path("total_withdrawn_eur").decimalValue()));
            BigDecimal shownByTheOriginal = new BigDecimal("1000").multiply(binance.price("EURUSDC"))
                    .subtract(sum(trades, "BUY")).add(sum(trades, "SELL")).subtract(new BigDecimal("54.1"));
            // au 1e-8 USDC près (la précision de nos montants)
            assertEquals(0, shownByTheOriginal.setScale(8, RoundingMode.DOWN).compareTo(budget.path("cash_usdt").decimalValue()),
                    shownByTheOriginal + " vs " + budget);

            JsonNode signals = get(app, "/api/signals?limit=100");
            assertEquals("sig-0090", signals.get(0).path("signal_id").asText());
            assertEquals("skipped", signals.get(0).path("status").asText());
            signals.forEach(s -> assertTrue(s.path("received_at").asText().endsWith("Z"), s.toString()));
            JsonNode lastTrade = get(app, "/api/trades?limit=1").get(0);
            assertTrue(lastTrade.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lastTrade.toString());
            List<String> held = new java.util.ArrayList<>();
            get(app, "/api/positions").forEach(p -> held.add(p.path("coin").asText()));
            assertEquals(List.of("BTCUSDC", "ETHUSDC", "XRPUSDC"), held, "the sold-out SOL position is kept but not shown");
            JsonNode month = get(app, "/api/budget/history?period=1m");
            assertTrue(month.get(month.size() - 1).path("created_at").asText().compareTo(
                    iso(OriginalFollowerDb.START.plusHours(1))) <= 0, "the chart starts with the original's first day");
            assertTrue(month.get(0).path("created_at").asText().compareTo(
                    iso(OriginalFollowerDb.START.plusDays(30).minusMinutes(10))) >= 0, "and goes on to now, no gap");

            // un nouveau signal, lui, est exécuté
            leader.publish(v1Signal("sig-after-switch", "SOLUSDC", "BUY", "0.1"));
            JsonNode executed = poll(app);
            assertEquals("executed", executed.path("status").asText(), executed.toString());
            assertEquals(trades.size() + 1, count(app, "SELECT count(*) FROM trades"));
        }

        // un second démarrage sur la base reprise ne refait rien
        try (RunningApp app = startAfterFirstPoll(TakeoverFixture.env(dir, leader, binance))) {
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals(1, files(dir, "calvalot.db.original-").size());
            assertEquals(92, count(app, "SELECT count(*) FROM signals"));
            assertEquals(trades.size() + 1, count(app, "SELECT count(*) FROM trades"));
        }
    }

    private static final String KEY = "takeover-key-0123456789";
    private static final String API_SECRET = "takeover-secret-0123456789";

    /** Un suiveur live branché sur la fausse Binance (la clé de {@link #KEY}). */
    private Map<String, String> liveEnv() {
        Map<String, String> env = TakeoverFixture.env(dir, leader, binance);
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", KEY);
        env.put("BINANCE_API_SECRET", API_SECRET);
        return env;
    }

    @Test
    void aLiveFollowerSendsNoOrderForTheOriginalsLastSignalAndOneForTheNext() {
        FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, API_SECRET);
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            // un signal récent : le leader n'est pas silencieux depuis 4 h (pas d'alerte no_signal au 1er poll)
            LocalDateTime lastHour = OriginalFollowerDb.START.plusDays(30).minusHours(1);
            original.budget(500.0, 500.0, "ACTIVE")
                    .signal("sig-live-1", "executed", "[]", "null", lastHour)
                    .trade("sig-live-1", "BTCUSDC", "BUY", 100.1, 97000.1, lastHour)
                    .position("BTCUSDC", 100.1 / 97000.1, 97000.1, 100.1)
                    .snapshots(50)
                    // l'ancien suiveur est mort pendant ce signal : des ordres ont pu partir, il n'est jamais rejoué
                    .signal("sig-live-0", "received", "[{\"coin\": \"SOLUSDC\", \"action\": \"BUY\", "
                            + "\"pct_of_capital\": 0.5}]", "null", lastHour.minusHours(2));
        }
        account.setBalance("BTC", "0.00103");
        leader.publish(v1Signal("sig-live-1", "BTCUSDC", "BUY", "0.2"));
        try (RunningApp app = startAfterFirstPoll(liveEnv())) {
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals(List.of(), account.orders(), "no order for a signal the original follower already handled");
            assertEquals(List.of("error", TakeoverCopy.UNFINISHED_SIGNAL), app.sql().one("SELECT status, error_message "
                    + "FROM signals WHERE signal_id = 'sig-live-0'", rs -> List.of(rs.getString(1), rs.getString(2))));
            leader.publish(v1Signal("sig-live-2", "ETHUSDC", "BUY", "0.2"));
            JsonNode executed = poll(app);
            assertEquals("executed", executed.path("status").asText(), executed.toString());
            assertEquals(1, account.orders().size());
            assertEquals("ETHUSDC", account.orders().get(0).symbol());
        }
    }

    /**
     * L'ancien suiveur est mort pendant son tout premier signal, après avoir passé un ordre (le compte
     * détient le BTC, sa base n'a ni trade ni signal exécuté) ; le leader sert toujours ce signal. Il
     * n'est jamais rejoué : ni ses actions, ni une synchronisation initiale par-dessus.
     */
    @Test
    void theOriginalsUnfinishedFirstSignalIsNeverExecutedAgainAfterATakeover() {
        FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, API_SECRET);
        String unfinished = "{\"signal_id\": \"sig-first\", \"version\": 1, \"reasoning\": \"test\", "
                + "\"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.5}], "
                + "\"portfolio_state\": {\"positions\": [{\"coin\": \"BTCUSDC\", \"pct_of_portfolio\": 0.5}]}}";
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            original.budget(500.0, 500.0, "ACTIVE").signal("sig-first", "received",
                    "[{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.5}]",
                    "{\"positions\": [{\"coin\": \"BTCUSDC\", \"pct_of_portfolio\": 0.5}]}",
                    LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).minusMinutes(1));
        }
        account.setBalance("BTC", "0.00515");
        account.setBalance("USDC", "500");
        leader.publish(unfinished);
        try (RunningApp app = startAfterFirstPoll(liveEnv())) {
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals(List.of(), account.orders(), "the original's unfinished signal is never executed again");
            assertEquals(List.of("error", TakeoverCopy.UNFINISHED_SIGNAL), app.sql().one("SELECT status, error_message "
                    + "FROM signals WHERE signal_id = 'sig-first'", rs -> List.of(rs.getString(1), rs.getString(2))));
        }
    }

    @Test
    void transactionsTheOriginalLeftInItsWalAreTakenOverAndBackedUpWithIt() throws Exception {
        // l'ancien conteneur tué : des transactions validées sont encore dans calvalot.db-wal
        Path live = dir.resolve("running");
        Files.createDirectories(live);
        try (OriginalFollowerDb original = OriginalFollowerDb.create(live.resolve("calvalot.db"))) {
            original.budget(300.0, 300.0, "ACTIVE").snapshots(20);
            original.sql("PRAGMA wal_autocheckpoint = 0");
            original.signal("sig-in-wal", "executed", "[]", "null", OriginalFollowerDb.START.plusDays(30));
            Files.copy(live.resolve("calvalot.db"), db());
            Files.copy(live.resolve("calvalot.db-wal"), dir.resolve("calvalot.db-wal"));
        }
        byte[] main = bytes(db());
        byte[] wal = bytes(dir.resolve("calvalot.db-wal"));
        try (RunningApp app = RunningApp.start(TakeoverFixture.env(dir, leader, binance))) {
            assertEquals(List.of("sig-in-wal"), app.sql().list("SELECT signal_id FROM signals", rs -> rs.getString(1)));
        }
        List<Path> backups = files(dir, "calvalot.db.original-");
        assertEquals(2, backups.size(), backups.toString());
        assertArrayEquals(main, bytes(backups.get(0)));
        assertTrue(backups.get(1).toString().endsWith("-wal"));
        assertArrayEquals(wal, bytes(backups.get(1)));
    }

    @Test
    void aDeadOriginalStaysDead() {
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            original.budget(100.0, 100.0, "DEAD")
                    .signal("sig-dead-1", "executed", "[]", "null", OriginalFollowerDb.START)
                    .snapshots(10);
        }
        leader.publish(v1Signal("sig-dead-2", "BTCUSDC", "BUY", "0.5"));
        try (RunningApp app = RunningApp.start(TakeoverFixture.env(dir, leader, binance))) {
            assertEquals("DEAD", get(app, "/api/budget").path("status").asText());
            assertEquals(409, app.send("POST", "/api/agent/poll", null).statusCode(), "a dead agent never polls again");
            assertEquals(0, count(app, "SELECT count(*) FROM trades"));
            assertEquals(1, count(app, "SELECT dead FROM agent_state"));
        }
    }

    @Test
    void aPausedOriginalStaysPaused() {
        try (OriginalFollowerDb original = OriginalFollowerDb.create(db())) {
            original.budget(100.0, 100.0, "PAUSED").snapshots(10);
        }
        try (RunningApp app = RunningApp.start(TakeoverFixture.env(dir, leader, binance))) {
            assertEquals("PAUSED", get(app, "/api/budget").path("status").asText());
            // l'original ne connaît pas de raison : c'est une pause faite à la main
            JsonNode status = get(app, "/api/agent/status");
            assertTrue(status.path("paused").asBoolean(), status.toString());
            assertEquals("manual", status.path("pause_reason").asText(), status.toString());
            assertEquals(409, app.send("POST", "/api/agent/poll", null).statusCode(), "a paused agent does not poll");
        }
    }

    private static BigDecimal sum(List<OriginalFollowerDb.Trade> trades, String action) {
        return trades.stream().filter(t -> t.action().equals(action)).map(t -> OriginalFollowerDb.decimal(t.amountUsdt()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String iso(LocalDateTime naiveUtc) {
        return naiveUtc.toInstant(java.time.ZoneOffset.UTC).toString();
    }
}
