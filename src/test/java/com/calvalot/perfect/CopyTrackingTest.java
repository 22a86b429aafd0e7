package com.calvalot.perfect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;

/**
 * Un seul calcul pour la phrase, le graphique et l'API (docs/api.md, /api/copy/tracking) : le cas du
 * rapport d'origine, où la page disait « did exactly as well » sur un écart de 0,05 € et « 0,06 € … of it
 * is fees » quand fees_eur valait 0,13 €. Le verdict se juge au centime du coût, les frais sont ceux des
 * trades entre les deux instantanés comparés, frais + le reste = le coût, et l'écart de départ est donné.
 */
class CopyTrackingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T21:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theVerdictIsJudgedOnTheCentsOfTheCostAndItsPartsAddUp() {
        Sql sql = new Sql(Database.open(dir.resolve("c.db")));
        // une commission avant le premier instantané comparé : elle n'est pas de cette comparaison
        trade(sql, "0.54", "2026-12-06T21:30:00Z");
        snapshot(sql, "3500.00", "3500.30", "2026-12-06T22:00:00Z");
        trade(sql, "0.1404", "2026-12-07T19:00:00Z");
        snapshot(sql, "3520.00", "3520.36", "2026-12-07T20:50:00Z");

        Map<String, Object> day = new CopyTracking(sql, Clock.fixed(NOW, ZoneOffset.UTC)).tracking("1d", Duration.ofDays(1));

        // 0,06 € sur 3 500 € : 0,0017 point de rendement, arrondi à 0,00 ; le verdict n'est pas « same » pour autant
        assertEquals(new BigDecimal("0.00"), day.get("tracking_difference_pct"));
        assertEquals(new BigDecimal("0.06"), day.get("cost_of_copying_eur"));
        assertEquals("behind", day.get("comparison"));
        // 0,1404 USDC au cours du dernier instantané compared (3520 EUR = 3801,60 USDC)
        assertEquals(new BigDecimal("0.13"), day.get("fees_eur"));
        assertEquals(new BigDecimal("-0.07"), day.get("other_costs_eur"), "fees + the rest = the cost");
        // le graphique abaisse la copie de l'écart de départ : il finit à 0,06 € du suiveur, comme la phrase
        assertEquals(new BigDecimal("0.30"), day.get("start_gap_eur"));
        assertEquals("2026-12-06T22:00:00Z", day.get("from"));
        assertEquals("2026-12-07T20:50:00Z", day.get("to"));
    }

    @Test
    void underACentBothWaysIsTheSameAndAGainIsAhead() {
        Sql sql = new Sql(Database.open(dir.resolve("c.db")));
        snapshot(sql, "100.00", "100.00", "2026-12-07T10:00:00Z");
        snapshot(sql, "101.004", "101.00", "2026-12-07T20:00:00Z");
        CopyTracking tracking = new CopyTracking(sql, Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, Object> same = tracking.tracking("1d", Duration.ofDays(1));
        assertEquals("same", same.get("comparison"), same.toString());
        assertEquals(new BigDecimal("0.00"), same.get("other_costs_eur"));

        snapshot(sql, "102.50", "102.00", "2026-12-07T20:30:00Z");
        Map<String, Object> ahead = tracking.tracking("1d", Duration.ofDays(1));
        assertEquals("ahead", ahead.get("comparison"));
        assertEquals(new BigDecimal("-0.50"), ahead.get("cost_of_copying_eur"));
    }

    @Test
    void withoutTwoSnapshotsToCompareThereIsNoVerdict() {
        Sql sql = new Sql(Database.open(dir.resolve("c.db")));
        snapshot(sql, "100.00", "100.00", "2026-12-07T10:00:00Z");
        Map<String, Object> answer = new CopyTracking(sql, Clock.fixed(NOW, ZoneOffset.UTC)).tracking("1d", Duration.ofDays(1));
        assertNull(answer.get("comparison"));
        assertNull(answer.get("other_costs_eur"));
        assertNull(answer.get("start_gap_eur"));
        assertEquals(new BigDecimal("0.00"), answer.get("fees_eur"), "the period's fees, as before");
    }

    /** 1 EUR = 1,08 USDC, tout en liquidités. */
    private static void snapshot(Sql sql, String follower, String perfect, String at) {
        sql.update("INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, perfect_value_eur, created_at) "
                + "VALUES (?, '0', ?, ?, ?)", follower, new BigDecimal(follower).multiply(new BigDecimal("1.08")).toPlainString(),
                perfect, at);
    }

    private static void trade(Sql sql, String feeUsdt, String at) {
        sql.update("INSERT INTO trades (coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) "
                + "VALUES ('ETHUSDC', 'BUY', '35', '3400', '0.0102', ?, 1, ?)", feeUsdt, at);
    }
}
