package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Revue de l'issue 35 : une pause confirmée pendant que le suiveur lit le compte pour le tout premier signal
 * (la synchronisation initiale) arrête bien la première vague ; mais la synchronisation est alors écrite
 * comme faite (initial_sync_done, le signal du leader « executed by the initial sync ») alors que rien n'a
 * été exécuté : après la reprise, le suiveur ne rejoint jamais les positions du leader (v1 ne rejoue que
 * les actions). Échoue sur f82e0e7.
 */
@ExtendWith(ShortBinanceDelays.class)
class PausedInitialSyncTest extends LiveFollowerTest {

    private static final String FIRST = """
            {"signal_id": "lead-1", "version": 1, "reasoning": "test",
             "actions": [{"coin": "XRPUSDC", "action": "BUY", "pct_of_capital": 0.05}],
             "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.5},
                                               {"coin": "XRPUSDC", "pct_of_portfolio": 0.05}]}}
            """;
    private static final String SECOND = """
            {"signal_id": "lead-2", "version": 1, "reasoning": "test",
             "actions": [{"coin": "ETHUSDC", "action": "BUY", "pct_of_capital": 0.05}],
             "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.5},
                                               {"coin": "XRPUSDC", "pct_of_portfolio": 0.05},
                                               {"coin": "ETHUSDC", "pct_of_portfolio": 0.05}]}}
            """;

    @Test
    void aPauseDuringTheFirstSignalLeavesTheInitialSyncDueAndTheSignalNotExecuted() {
        follower.start(dir, "wallet");
        Await.until("the first snapshot", Duration.ofSeconds(10),
                () -> !"0".equals(follower.one("SELECT count(*) FROM portfolio_snapshots")));
        AtomicReference<String> confirmed = new AtomicReference<>();
        follower.account.onNextAccountRead(() -> confirmed.set(
                follower.app().send("POST", "/api/agent/toggle", "{\"paused\": true}").body()));
        JsonNode first = follower.copy(FIRST);
        assertTrue(String.valueOf(confirmed.get()).contains("paused"), String.valueOf(confirmed.get()));
        assertEquals(List.of(), follower.executedOrders(), "the pause stops the first wave: " + first);

        follower.app().send("POST", "/api/agent/toggle", "{\"paused\": false}");
        JsonNode second = follower.copy(SECOND);
        assertAll(
                () -> assertNotEquals("executed", follower.signalStatus("lead-1"), "nothing of lead-1 was executed: "
                        + follower.one("SELECT error_message FROM signals WHERE signal_id = 'lead-1'")),
                () -> assertTrue(follower.executedOrders().contains("BUY BTCUSDC"), "the initial sync is still due after "
                        + "the pause, the leader holds 50 % BTC: " + second + " orders " + follower.executedOrders()));
    }
}
