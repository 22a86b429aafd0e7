package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import com.calvalot.db.SchemaMigrations;
import com.calvalot.db.Sql;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Revue de l'issue 35, la mise à jour d'une base existante. Avant V11, en LIVE_SIZING=budget, un USDC parti
 * (Simple Earn) plus de dix minutes laissait une ligne balance_drift_watch USDC « followed = 1 » sans rien
 * écrire (« sized on the smaller »). Après la mise à jour, cette ligne n'est jamais rejugée : l'écart n'est ni
 * « en cours » (compté possédé) ni écrit comme retrait ; l'USDC en Earn reste une perte au P&L (et peut tuer).
 * Échoue sur f82e0e7.
 */
@ExtendWith(ShortBinanceDelays.class)
class UpgradedDriftTest extends LiveFollowerTest {

    @Test
    void aUsdcDriftTheOldReleaseFollowedIsJudgedAgainAfterTheUpgrade() {
        // la base telle que la version d'avant V11 la laisse : 50 des 108 USDC du budget en Earn depuis une heure
        SQLiteDataSource v10 = new SQLiteDataSource();
        v10.setUrl("jdbc:sqlite:" + dir.resolve("calvalot.db"));
        SchemaMigrations.apply(v10, 10);
        String since = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        new Sql(v10).update("INSERT INTO balance_drift_watch (coin, ledger_quantity, exchange_quantity, first_seen_at, "
                + "last_reading_at, readings, followed) VALUES ('USDC', '108', '58', ?, ?, 60, 1)", since, since);
        follower.account.setBalance("USDC", "108");
        follower.account.moveToEarn("USDC", "50");

        follower.start(dir, "budget");
        for (int i = 0; i < 12; i++) {
            follower.tick(LiveFollower.TICK);
        }
        JsonNode budget = follower.get("/api/budget");
        assertTrue(budget.path("pnl_eur").decimalValue().abs().compareTo(BigDecimal.ONE) < 0, "50 USDC in Earn is not a loss: "
                + budget + ", drift " + follower.get("/api/agent/status").path("balance_drift") + ", withdrawals "
                + follower.rows("SELECT amount_usdt_sold FROM withdrawals"));
    }
}
