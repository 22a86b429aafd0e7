package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;

/**
 * Revue de l'issue 35 (decisions-35.md : « no batched request fails because of one symbol ») : une fois une
 * paire retirée par Binance (en général pour toujours), chaque lecture des prix refait la requête groupée
 * qui échoue (-1121) puis lit les 7 cours un par un, à la suite : 8 allers-retours au lieu d'un sur le chemin
 * de chaque signal et de chaque instantané. Échoue sur f82e0e7.
 */
@ExtendWith(ShortBinanceDelays.class)
class DelistedPairCostTest extends LiveFollowerTest {

    private static final String TICKER = "/api/v3/ticker/price";

    @Test
    void aPairKnownToBeDelistedCostsNoExtraPriceRequests() {
        follower.start(dir, "wallet");
        int before = follower.binance.calls(TICKER);
        for (int i = 0; i < 3; i++) {
            follower.tick(LiveFollower.TICK);
        }
        int listed = follower.binance.calls(TICKER) - before;

        follower.binance.remove("XRPUSDC");
        follower.tick(LiveFollower.TICK);
        Await.until("XRPUSDC known as delisted", Duration.ofSeconds(10),
                () -> follower.get("/api/agent/status").path("untradeable_pairs").size() == 1);
        before = follower.binance.calls(TICKER);
        for (int i = 0; i < 3; i++) {
            follower.tick(LiveFollower.TICK);
        }
        int delisted = follower.binance.calls(TICKER) - before;
        assertTrue(delisted <= listed, "three price reads cost " + listed + " ticker request(s) while every pair is listed, "
                + delisted + " once XRPUSDC is known delisted");
    }
}
