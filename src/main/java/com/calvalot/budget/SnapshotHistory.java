package com.calvalot.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * L'historique des instantanés (portfolio_snapshots), du plus récent au plus ancien. Au-delà de
 * {@code limit} lignes, on en garde {@code limit} réparties également, la plus récente et la plus
 * ancienne comprises : un mois à une ligne par 2 minutes (21 600) reste une courbe fidèle.
 */
public class SnapshotHistory {

    /** Les périodes de l'API, en heures (comme le suiveur d'origine : 1m = 30 jours). */
    public static final Map<String, Duration> PERIODS = Map.of(
            "1d", Duration.ofHours(24), "1w", Duration.ofHours(168),
            "1m", Duration.ofHours(720), "1y", Duration.ofHours(8760));

    private final Sql sql;
    private final Clock clock;

    public SnapshotHistory(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    private record Snapshot(long id, String totalValueEur, String portfolioValueUsdt, String cashUsdt, String createdAt) {
    }

    /** {@code period} null : tout l'historique. */
    public List<Map<String, Object>> recent(Duration period, int limit) {
        List<Snapshot> rows;
        String select = "SELECT id, total_value_eur, portfolio_value_usdt, cash_usdt, created_at FROM portfolio_snapshots ";
        Sql.RowMapper<Snapshot> mapper = rs -> new Snapshot(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5));
        if (period == null) {
            rows = sql.list(select + "ORDER BY created_at DESC, id DESC", mapper);
        } else {
            // created_at est indexé et au format ISO : l'ordre du texte est l'ordre du temps
            String since = Timestamps.format(clock.instant().minus(period));
            rows = sql.list(select + "WHERE created_at >= ? ORDER BY created_at DESC, id DESC", mapper, since);
        }
        List<Map<String, Object>> answer = new ArrayList<>();
        for (Snapshot snapshot : evenly(rows, limit)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", snapshot.id());
            row.put("total_value_eur", Money.forJson(Money.fromDb(snapshot.totalValueEur())));
            row.put("portfolio_value_usdt", Money.forJson(Money.fromDb(snapshot.portfolioValueUsdt())));
            row.put("cash_usdt", Money.forJson(Money.fromDb(snapshot.cashUsdt())));
            row.put("created_at", snapshot.createdAt());
            answer.add(row);
        }
        return answer;
    }

    /** {@code limit} éléments également espacés, le premier et le dernier gardés. */
    static <T> List<T> evenly(List<T> rows, int limit) {
        int count = rows.size();
        if (count <= limit) {
            return rows;
        }
        List<T> picked = new ArrayList<>(limit);
        if (limit == 1) {
            picked.add(rows.get(0));
            return picked;
        }
        for (int i = 0; i < limit; i++) {
            picked.add(rows.get((int) ((long) i * (count - 1) / (limit - 1))));
        }
        return picked;
    }
}
