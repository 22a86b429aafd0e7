package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;

/**
 * Revue de l'issue 35 : l'alerte pair_untradeable est dédoublonnée par type (AlertDesk) et n'est effacée que
 * quand toutes les paires tradent de nouveau. Une paire retirée pour de bon (XRPUSDC) fait donc taire toute
 * paire arrêtée ensuite : l'utilisateur n'apprend jamais que Binance a arrêté le SOL, dont les ordres sont
 * écartés. Échoue sur f82e0e7.
 */
@ExtendWith(ShortBinanceDelays.class)
class SecondUntradeablePairTest extends LiveFollowerTest {

    @Test
    void aPairHaltedWhileAnotherIsDelistedIsAlertedToo() {
        follower.start(dir, "wallet");
        follower.binance.remove("XRPUSDC");
        follower.tick(LiveFollower.TICK);
        assertEquals(1, follower.alerts.await("pair_untradeable", 1).size());

        follower.binance.setStatus("SOLUSDC", "BREAK");
        follower.clock.advance(Duration.ofMinutes(11));
        assertEquals("skipped", follower.copyV1("h1", "SOLUSDC", "BUY", "0.1").path("status").asText());
        assertTrue(follower.one("SELECT reason FROM order_intents WHERE signal_id = 'h1'").contains("SOLUSDC is not trading"));
        follower.tick(LiveFollower.TICK);
        List<String> alerts = follower.alerts.of("pair_untradeable");
        assertTrue(alerts.stream().anyMatch(alert -> alert.contains("SOLUSDC")), "SOLUSDC halted, its orders skipped, never said: "
                + alerts);
    }
}
