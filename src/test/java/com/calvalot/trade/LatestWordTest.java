package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;
import com.calvalot.support.ShortTradeRetry;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La dernière parole du leader l'emporte (issue « Follow the leader's latest word ») : un signal qui
 * attend la bourse ne passe jamais d'ordre après un signal plus récent, et une pause confirmée à
 * l'utilisateur arrête tout ordre pas encore parti, la première vague comprise.
 */
@ExtendWith({ShortBinanceDelays.class, ShortTradeRetry.class})
class LatestWordTest extends LiveFollowerTest {

    private static final String UNAVAILABLE = "{\"code\":-1000,\"msg\":\"Service unavailable.\"}";

    @Test
    void aSignalWaitingForBinanceNeverBuysAfterTheLeadersNewerExit() {
        follower.account.setBalance("USDC", "500");
        follower.account.setBalance("SOL", "2.776");
        follower.start(dir, "wallet");

        // w1 : 50 % BTC. La vente de SOL s'exécute, sa réponse se perd et la bourse ne sait plus répondre
        follower.account.failAfterFillNextOrders(1, 503);
        follower.account.failNextLookups(10_000, 503, UNAVAILABLE);
        JsonNode w1 = follower.copyV2("w1", Map.of("BTCUSDC", "0.5"));
        assertEquals("executing", w1.path("status").asText(), w1.toString());
        assertEquals(List.of("SELL SOLUSDC"), follower.executedOrders());

        // le leader sort de tout : w2 est copié (rien à faire de plus), w1 n'a plus le droit d'acheter
        JsonNode w2 = follower.copyV2("w2", Map.of());
        assertEquals("executed", w2.path("status").asText(), w2.toString());

        // Binance répond de nouveau : la vente de w1 est retrouvée et écrite, son achat n'est jamais envoyé
        follower.account.failNextLookups(0, 503, "");
        Await.until("w1 resolved", Duration.ofSeconds(20), () -> !"executing".equals(follower.signalStatus("w1")));
        assertEquals(List.of("SELL SOLUSDC"), follower.executedOrders(), "no order of w1 after w2");
        assertEquals("partial", follower.signalStatus("w1"));
        assertEquals("abandoned", follower.one("SELECT status FROM order_intents WHERE signal_id = 'w1' AND coin = 'BTCUSDC'"));
        assertEquals("superseded by w2",
                follower.one("SELECT reason FROM order_intents WHERE signal_id = 'w1' AND coin = 'BTCUSDC'"));
        assertEquals("filled", follower.one("SELECT status FROM order_intents WHERE signal_id = 'w1' AND coin = 'SOLUSDC'"));
        assertEquals("1", follower.one("SELECT count(*) FROM trades WHERE signal_id = 'w1'"), "what Binance executed is recorded");
        String message = follower.one("SELECT error_message FROM signals WHERE signal_id = 'w1'");
        assertTrue(message.contains("superseded by w2"), message);
    }

    @Test
    void aPauseConfirmedAfterTheLeaderAnsweredStopsTheFirstWave() {
        follower.start(dir, "wallet");
        // le premier poll a lu le compte pour son instantané : la prochaine lecture est celle du signal
        Await.until("the first snapshot", Duration.ofSeconds(10),
                () -> !"0".equals(follower.one("SELECT count(*) FROM portfolio_snapshots")));
        // l'utilisateur met en pause pendant que le suiveur lit le compte pour ce signal
        AtomicReference<String> confirmed = new AtomicReference<>();
        follower.account.onNextAccountRead(() -> confirmed.set(
                follower.app().send("POST", "/api/agent/toggle", "{\"paused\": true}").body()));
        JsonNode poll = follower.copyV1("p1", "BTCUSDC", "BUY", "0.5");

        assertTrue(confirmed.get() != null && confirmed.get().contains("paused"), String.valueOf(confirmed.get()));
        assertEquals(List.of(), follower.executedOrders(), "no order after the pause was confirmed");
        assertEquals("skipped", poll.path("status").asText(), poll.toString());
        String reason = follower.one("SELECT reason FROM order_intents WHERE signal_id = 'p1'");
        assertTrue(reason != null && reason.contains("paused"), String.valueOf(reason));
    }
}
