package com.calvalot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;

/** Le P&L d'un jour de Paris : fin du jour moins fin de la veille, dépôts retirés, retraits rajoutés. */
class DailyPnlTest {

    @TempDir
    Path dir;

    @Test
    void eachDayIsItsValueChangeNetOfDepositsAndWithdrawals() {
        Sql sql = new Sql(Database.open(dir.resolve("c.db")));
        snapshot(sql, "100", "2026-12-04T12:00:00Z");
        snapshot(sql, "103", "2026-12-05T12:00:00Z");
        sql.update("INSERT INTO deposits (kind, amount_eur, is_simulated, created_at) VALUES ('deposit', '50', 1, ?)",
                "2026-12-05T13:00:00Z");
        // 23:30 à Paris : encore le 5
        snapshot(sql, "160", "2026-12-05T22:30:00Z");
        // 00:30 à Paris : déjà le 6
        snapshot(sql, "161", "2026-12-05T23:30:00Z");
        sql.update("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, "
                + "status, is_simulated, created_at) VALUES ('20', '23', '20', '1.15', 'completed', 1, ?)", "2026-12-06T10:00:00Z");
        sql.update("INSERT INTO trades (coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) "
                + "VALUES ('BTCUSDC', 'BUY', '10', '90000', '0.0001', '0', 1, ?)", "2026-12-06T09:00:00Z");
        snapshot(sql, "139", "2026-12-06T14:00:00Z");
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T15:00:00Z"), ZoneOffset.UTC);

        List<Map<String, Object>> days = new DailyPnl(sql, clock, ZoneId.of("Europe/Paris")).recent(4);

        assertEquals("2026-12-06", days.get(0).get("date"));
        assertEquals(new BigDecimal("-1"), days.get(0).get("pnl_eur"), "139 - 160 + 20 withdrawn");
        assertEquals(1, days.get(0).get("trades"));
        assertEquals(new BigDecimal("10"), days.get(1).get("pnl_eur"), "160 - 100 - 50 deposited");
        assertEquals(new BigDecimal("0"), days.get(2).get("pnl_eur"), "the first day starts at its first snapshot");
        assertNull(days.get(3).get("pnl_eur"), "no snapshot yet");
        assertEquals(0, days.get(3).get("trades"));
    }

    private static void snapshot(Sql sql, String eur, String at) {
        sql.update("INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, created_at) "
                + "VALUES (?, '0', '0', ?)", eur, at);
    }
}
