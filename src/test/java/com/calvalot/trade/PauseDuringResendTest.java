package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
 * Revue de l'issue 35 (decisions-35.md, point 8 : « After a pause is confirmed to the user, no order is
 * sent » ; trading.md : « once POST /api/agent/toggle … has answered paused, no order leaves any more »).
 * Une vague passe le portail, son achat part, la connexion tombe avant que Binance ne l'ait : le suiveur
 * demande, attend la fin du recvWindow, puis RENVOIE l'ordre (BinanceExchange.place), sans repasser par le
 * portail. Une pause confirmée pendant cette attente (une seconde ici, 5 s et plus en vrai) n'empêche pas le
 * renvoi : l'achat part et s'exécute après la confirmation. Échoue sur f82e0e7.
 */
@ExtendWith(ShortBinanceDelays.class)
class PauseDuringResendTest extends LiveFollowerTest {

    @Test
    void aPauseConfirmedWhileAnOrderWaitsToBeSentAgainStopsTheResend() throws InterruptedException {
        follower.start(dir, "wallet");
        Await.until("the first snapshot", Duration.ofSeconds(10),
                () -> !"0".equals(follower.one("SELECT count(*) FROM portfolio_snapshots")));
        follower.account.dropBeforeFillNextOrders(1);
        AtomicReference<String> answer = new AtomicReference<>();
        AtomicLong confirmedAt = new AtomicLong(Long.MAX_VALUE);
        Thread user = new Thread(() -> {
            Await.until("the buy's first send", Duration.ofSeconds(10), () -> !follower.account.orderCallTimes().isEmpty());
            answer.set(follower.app().send("POST", "/api/agent/toggle", "{\"paused\": true}").body());
            confirmedAt.set(System.currentTimeMillis());
        });
        user.start();
        JsonNode poll = follower.copyV1("p1", "BTCUSDC", "BUY", "0.5");
        user.join(20_000);

        assertTrue(String.valueOf(answer.get()).contains("paused"), String.valueOf(answer.get()));
        List<Long> sends = follower.account.orderCallTimes();
        assertTrue(sends.stream().noneMatch(at -> at > confirmedAt.get()), "an order reached Binance "
                + (sends.get(sends.size() - 1) - confirmedAt.get()) + " ms after the pause was confirmed: " + poll);
        assertEquals(List.of(), follower.executedOrders());
    }
}
