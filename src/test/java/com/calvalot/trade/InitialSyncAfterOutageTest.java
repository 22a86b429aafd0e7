package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * trading-rules.md, « First start: initial sync » : si la bourse ne répond pas quand le premier signal
 * arrive, la synchronisation reste due et se fait au premier poll où elle répond, une fois par base.
 */
class InitialSyncAfterOutageTest {

    private static final String SECRET = "s3cret-shared-with-the-leader";
    private static final String FIRST_SIGNAL = """
            {"signal_id": "lead-1", "version": 1,
             "actions": [{"coin": "XRPUSDC", "action": "BUY", "pct_of_capital": 0.9}],
             "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.5},
                                               {"coin": "ETHUSDC", "pct_of_portfolio": 0.25}]}}
            """;

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();

    @AfterEach
    void stop() {
        leader.close();
        binance.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = FakeLeader.followerEnv(dataDir, leader, SECRET, binance);
        env.put("INITIAL_BUDGET_EUR", "100");
        return env;
    }

    private static List<String> rows(RunningApp app, String sql) {
        return app.sql().list(sql, rs -> rs.getString(1));
    }

    @Test
    void theSyncMissedDuringAnExchangeOutageHappensOnTheNextPollWhereTheExchangeAnswers() {
        try (RunningApp app = RunningApp.start(env())) {
            app.poll(); // le premier cycle : pas encore de signal
            binance.failWith(503);
            leader.publish(FIRST_SIGNAL);

            assertEquals("error", app.poll().path("status").asText());
            assertEquals("error", app.poll().path("status").asText(), "still down: the sync stays due");
            assertEquals(List.of(), rows(app, "SELECT coin FROM trades"));

            binance.failWith(0);
            JsonNode synced = app.poll();
            assertEquals("executed", synced.path("status").asText(), synced.toString());
            assertEquals("lead-1", synced.path("signal_id").asText());
            assertEquals(2, synced.path("trades").asInt());
            // 50 % et 25 % de 108 USDC ; l'action XRP du signal n'est pas rejouée par-dessus
            assertEquals(List.of("initial_sync BTCUSDC 54", "initial_sync ETHUSDC 27"),
                    rows(app, "SELECT signal_id || ' ' || coin || ' ' || amount_usdt FROM trades ORDER BY id"));
            assertEquals(List.of("executed executed by the initial sync (initial_sync)"),
                    rows(app, "SELECT status || ' ' || error_message FROM signals WHERE signal_id = 'lead-1'"));

            assertEquals("duplicate", app.poll().path("status").asText());
        }
        try (RunningApp app = RunningApp.start(env())) {
            assertEquals("duplicate", app.poll().path("status").asText());
            assertEquals(List.of("2"), rows(app, "SELECT count(*) FROM trades"), "once per database");
            assertEquals(List.of("1"), rows(app, "SELECT count(*) FROM signals WHERE signal_id = 'initial_sync'"));
        }
    }

    @Test
    void aFirstSignalWithoutPortfolioStateIsNotReplayedAfterTheOutage() {
        try (RunningApp app = RunningApp.start(env())) {
            app.poll();
            binance.failWith(503);
            leader.publish("{\"signal_id\": \"lead-1\", \"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.5}]}");
            assertEquals("error", app.poll().path("status").asText());
            binance.failWith(0);
            assertEquals("duplicate", app.poll().path("status").asText(), "a seen signal is never executed again");
            assertEquals(List.of(), rows(app, "SELECT coin FROM trades"));
        }
    }

    /** La relance n'a lieu que dans SIGNAL_MAX_DELAY_SECONDS : plus tard, un signal en error le reste. */
    @Test
    void aSignalThatFailedDuringAnOutageIsNeverReplayedPastTheDelay() {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        leader.useClock(clock);
        Map<String, String> env = env();
        env.put("SIGNAL_MAX_DELAY_SECONDS", "60");
        try (RunningApp app = RunningApp.start(env, clock)) {
            app.poll();
            binance.failWith(503);
            leader.publish(FIRST_SIGNAL);
            assertEquals("error", app.poll().path("status").asText());

            clock.advance(java.time.Duration.ofMinutes(2));
            binance.failWith(0);
            assertEquals("duplicate", app.poll().path("status").asText());
            assertEquals(List.of(), rows(app, "SELECT coin FROM trades"), "a late copy at another price is worse than none");
            assertEquals(List.of("error"), rows(app, "SELECT status FROM signals WHERE signal_id = 'lead-1'"));
        }
    }

    /**
     * Dans le délai, mais le compte détient déjà des pièces : la synchronisation n'est plus due, et la
     * relance ne rejoue jamais les actions du signal (son achat de XRP) à sa place.
     */
    @Test
    void theRetryOnlyEverSyncsItNeverReplaysTheSignalsOwnActions() {
        com.calvalot.support.FakeSpotAccount account = com.calvalot.support.FakeSpotAccount.install(binance,
                LiveTradingTest.KEY, LiveTradingTest.SECRET);
        account.setBalance("BTC", "0.01");
        Map<String, String> env = env();
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", LiveTradingTest.KEY);
        env.put("BINANCE_API_SECRET", LiveTradingTest.SECRET);
        try (RunningApp app = RunningApp.start(env)) {
            app.poll();
            binance.failWith(503);
            leader.publish(FIRST_SIGNAL);
            assertEquals("error", app.poll().path("status").asText());

            binance.failWith(0);
            app.poll();
            assertEquals(List.of(), account.orders(), "neither a sync nor the signal's XRP buy");
            assertEquals(List.of("error"), rows(app, "SELECT status FROM signals WHERE signal_id = 'lead-1'"));
        }
    }
}
