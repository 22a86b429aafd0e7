package com.calvalot.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Le P&L jour par jour (jours du fuseau TZ), du plus récent au plus ancien : la valeur en EUR du
 * dernier instantané du jour moins celle de la veille, dépôts retirés et retraits rajoutés. Un jour
 * sans instantané antérieur part de son premier instantané. Quelques requêtes indexées par jour :
 * le coût ne dépend pas de l'âge de la base.
 */
public class DailyPnl {

    public static final int MAX_DAYS = 31;

    private static final String LAST_BEFORE = "SELECT total_value_eur, created_at FROM portfolio_snapshots "
            + "WHERE created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1";
    private static final String FIRST_FROM = "SELECT total_value_eur, created_at FROM portfolio_snapshots "
            + "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id LIMIT 1";

    private final Sql sql;
    private final Clock clock;
    private final ZoneId zone;

    private record Snapshot(BigDecimal valueEur, String at) {
    }

    public DailyPnl(Sql sql, Clock clock, ZoneId zone) {
        this.sql = sql;
        this.clock = clock;
        this.zone = zone;
    }

    /** Les {@code days} derniers jours (aujourd'hui compris, jusqu'à maintenant), en JSON. */
    public String recentJson(int days) {
        return Json.write(recent(days));
    }

    public List<Map<String, Object>> recent(int days) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Map<String, Object>> answer = new ArrayList<>();
        for (int back = 0; back < Math.min(days, MAX_DAYS); back++) {
            LocalDate date = today.minusDays(back);
            String from = Timestamps.format(date.atStartOfDay(zone).toInstant());
            String to = back == 0 ? Timestamps.format(now.plusSeconds(1))
                    : Timestamps.format(date.plusDays(1).atStartOfDay(zone).toInstant());
            answer.add(day(date, from, to));
        }
        return answer;
    }

    private Map<String, Object> day(LocalDate date, String from, String to) {
        Snapshot end = snapshot(LAST_BEFORE, to);
        Snapshot start = snapshot(LAST_BEFORE, from);
        if (start == null) {
            start = snapshot(FIRST_FROM, from, to);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("date", date.toString());
        boolean known = start != null && end != null && end.at().compareTo(from) >= 0;
        BigDecimal deposits = known ? sum("SELECT amount_eur FROM deposits WHERE kind = 'deposit' "
                + "AND created_at > ? AND created_at <= ?", start.at(), end.at()) : BigDecimal.ZERO;
        BigDecimal withdrawals = known ? sum("SELECT amount_eur_received FROM withdrawals "
                + "WHERE created_at > ? AND created_at <= ?", start.at(), end.at()) : BigDecimal.ZERO;
        row.put("value_eur", end == null ? null : Money.forJson(end.valueEur()));
        row.put("pnl_eur", known ? Money.forJson(end.valueEur().subtract(start.valueEur()).subtract(deposits)
                .add(withdrawals)) : null);
        row.put("deposits_eur", Money.forJson(deposits));
        row.put("withdrawals_eur", Money.forJson(withdrawals));
        row.put("trades", sql.one("SELECT count(*) FROM trades WHERE created_at >= ? AND created_at < ?",
                rs -> rs.getInt(1), from, to));
        return row;
    }

    private Snapshot snapshot(String query, Object... params) {
        List<Snapshot> rows = sql.list(query, rs -> new Snapshot(Money.fromDb(rs.getString(1)), rs.getString(2)), params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private BigDecimal sum(String query, Object... params) {
        return sql.list(query, rs -> Money.fromDb(rs.getString(1)), params).stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
