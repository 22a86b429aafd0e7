package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import com.fasterxml.jackson.databind.JsonNode;

/**
 * L'argent que l'utilisateur bloque, met en Earn, retire ou ajoute a bougé : ce n'est jamais une perte,
 * jamais une mort. L'USDC bloqué sous un ordre de l'utilisateur est détenu ; un USDC parti est un écart
 * montré puis, confirmé, un retrait (le P&L ne bouge pas) ; un dépôt est un flux dans les deux modes.
 */
@ExtendWith(ShortBinanceDelays.class)
class MovedMoneyTest extends LiveFollowerTest {

    private static final BigDecimal ONE_CENT = new BigDecimal("0.01");

    private static void assertAbout(BigDecimal expected, BigDecimal actual, String what) {
        assertTrue(expected.subtract(actual).abs().compareTo(ONE_CENT) <= 0, what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void usdcLockedUnderTheUsersLimitBuyIsStillHeldNoPauseNoDeath() {
        follower.start(dir, "wallet", "PAUSE_ON_DRAWDOWN_PCT", "0.2");
        follower.tick(LiveFollower.TICK);
        follower.account.lock("USDC", "500");
        follower.tick(LiveFollower.TICK);
        assertAbout(new BigDecimal("1000"), follower.budget().path("total_value_usdt").decimalValue(), "locked USDC is held");
        assertFalse(follower.status().path("paused").asBoolean(), "no drawdown pause: " + follower.status());

        follower.account.lock("USDC", "500");
        follower.minutes(11);
        assertFalse(follower.status().path("dead").asBoolean(), "all of it locked: " + follower.status());
        assertFalse(follower.status().path("paused").asBoolean());
        assertAbout(new BigDecimal("1000"), follower.budget().path("total_value_usdt").decimalValue(), "all of it locked is held");
        assertEquals(List.of(), follower.rows("SELECT coin FROM balance_drift_watch"));
    }

    @Test
    void usdcSweptToEarnIsADriftThenAWithdrawalNeverADeathAndTheFollowerFollowsAgainWhenItComesBack() {
        follower.start(dir, "wallet", "PAUSE_ON_DRAWDOWN_PCT", "0.2");
        follower.tick(LiveFollower.TICK);
        BigDecimal pnl = follower.budget().path("pnl_eur").decimalValue();
        follower.account.moveToEarn("USDC", "1000");

        follower.tick(LiveFollower.TICK);
        JsonNode drift = follower.status().path("balance_drift");
        assertEquals("USDC", drift.path(0).path("coin").asText(), "the move is shown: " + follower.status());
        assertAbout(new BigDecimal("1000"), follower.budget().path("total_value_usdt").decimalValue(), "away, not lost");

        follower.minutes(11);
        assertFalse(follower.status().path("dead").asBoolean(), "money moved away never kills: " + follower.status());
        assertFalse(follower.status().path("paused").asBoolean(), "nor pauses: " + follower.status());
        assertEquals("ACTIVE", follower.budget().path("status").asText());
        assertEquals("1", follower.one("SELECT count(*) FROM withdrawals"), "the confirmed move is a withdrawal");
        assertAbout(new BigDecimal("1000"), new BigDecimal(follower.one("SELECT amount_usdt_sold FROM withdrawals")), "its amount");
        assertAbout(pnl, follower.budget().path("pnl_eur").decimalValue(), "the P&L does not move");
        assertTrue(follower.status().path("funds_warning").asText().contains("no USDC to follow with"), follower.status().toString());

        JsonNode skipped = follower.copyV1("s1", "BTCUSDC", "BUY", "0.5");
        assertEquals("skipped", skipped.path("status").asText(), skipped.toString());
        assertTrue(skipped.path("error").asText().contains("no USDC to follow with"), skipped.toString());

        follower.account.backFromEarn("USDC");
        follower.tick(LiveFollower.TICK);
        assertNull(follower.status().path("funds_warning").textValue(), follower.status().toString());
        assertEquals("executed", follower.copyV1("s2", "BTCUSDC", "BUY", "0.5").path("status").asText());
        assertAbout(pnl, follower.budget().path("pnl_eur").decimalValue().add(feesEur()), "money back is a deposit, not a profit");
    }

    @Test
    void aBudgetFollowersUsdcMovedAwayIsNeverADeathWhileItsDriftIsShown() {
        follower.start(dir, "budget");
        follower.tick(LiveFollower.TICK);
        follower.account.moveToEarn("USDC", "1000");
        follower.tick(LiveFollower.TICK);
        assertEquals("USDC", follower.status().path("balance_drift").path(0).path("coin").asText(), follower.status().toString());
        assertAbout(new BigDecimal("108"), follower.budget().path("total_value_usdt").decimalValue(), "away, not lost");
        follower.minutes(11);
        assertFalse(follower.status().path("dead").asBoolean(), "money moved away never kills: " + follower.status());
        assertEquals("1", follower.one("SELECT count(*) FROM withdrawals"), "the confirmed move is a withdrawal");
    }

    @Test
    void aDepositRecordedInWalletModeIsAFlowForTheDailyFiguresAndThePerfectCopy() {
        follower.start(dir, "wallet");
        assertEquals("executed", follower.copyV1("s1", "BTCUSDC", "BUY", "0.5").path("status").asText());
        follower.tick(Duration.ofDays(1));
        follower.account.transfer("USDC", "500");
        JsonNode answer = follower.app().send("POST", "/api/budget/deposit", "{\"amount_eur\": 462.96}").statusCode() == 200
                ? follower.budget() : null;
        assertTrue(answer != null);
        follower.tick(LiveFollower.TICK);
        follower.tick(Duration.ofDays(1));

        JsonNode tracking = follower.get("/api/copy/tracking?period=1w");
        for (JsonNode day : tracking.path("daily")) {
            assertTrue(day.path("follower_pnl_eur").decimalValue().abs().compareTo(BigDecimal.ONE) < 0, "a deposit is no profit: " + day);
            assertTrue(day.path("perfect_pnl_eur").decimalValue().abs().compareTo(BigDecimal.ONE) < 0, "nor the copy's: " + day);
        }
        assertTrue(tracking.path("tracking_difference_pct").decimalValue().abs().compareTo(BigDecimal.ONE) < 0, tracking.toString());
        assertEquals(List.of(), follower.rows("SELECT coin FROM balance_drift_watch"), "declared and arrived: nothing amiss");
    }

    /** Les frais payés depuis le début, en EUR au cours du test (1,08). */
    private BigDecimal feesEur() {
        return follower.rows("SELECT fee_usdt FROM trades").stream().map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(new BigDecimal("1.08"), 8, java.math.RoundingMode.HALF_EVEN);
    }
}
