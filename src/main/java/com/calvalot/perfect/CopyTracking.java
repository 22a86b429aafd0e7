package com.calvalot.perfect;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Le suiveur à côté de sa copie parfaite sur une période (api.md, {@code GET /api/copy/tracking}) : les
 * deux séries, leurs rendements nets des dépôts et retraits de la période, l'écart de suivi et le coût
 * de la copie en EUR. Lu dans les instantanés (qui portent les deux valeurs aux mêmes prix) : des
 * requêtes bornées, au plus {@link #POINTS} points, le même coût au jour 1 et au jour 365.
 */
public class CopyTracking {

    static final int POINTS = 1000;

    // le dernier instantané de chaque tranche de ? secondes (comme l'historique), du plus ancien au plus récent
    private static final String POINTS_QUERY = "SELECT max(created_at) AS t, total_value_eur, perfect_value_eur "
            + "FROM portfolio_snapshots WHERE created_at >= ? AND perfect_value_eur IS NOT NULL "
            + "GROUP BY unixepoch(created_at) / ? ORDER BY t ASC LIMIT ?";
    private static final String EDGE = "SELECT created_at, total_value_eur, perfect_value_eur FROM portfolio_snapshots "
            + "WHERE created_at >= ? AND perfect_value_eur IS NOT NULL ORDER BY created_at %s, id %s LIMIT 1";

    private final Sql sql;
    private final Clock clock;

    /** Un instantané : le suiveur et la copie parfaite, en EUR. */
    private record Point(String at, BigDecimal follower, BigDecimal perfect) {
    }

    /** Ce que la période dit des deux : rendements (%), écart de suivi (points de %), coût en EUR. */
    public record Summary(BigDecimal followerReturnPct, BigDecimal perfectReturnPct, BigDecimal trackingDifferencePct,
                          BigDecimal costOfCopyingEur) {
    }

    public CopyTracking(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** La réponse de l'API pour {@code period} (1d, 1w, 1m, 1y ; déjà validée). */
    public Map<String, Object> tracking(String period, Duration span) {
        Instant now = clock.instant();
        String since = Timestamps.format(now.minus(span));
        long bucket = Math.max(1, (span.getSeconds() + POINTS - 1) / POINTS);
        List<Map<String, Object>> points = new ArrayList<>();
        sql.forEach(POINTS_QUERY, rs -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", rs.getString(1));
            point.put("follower_eur", Money.forJson(Money.fromDb(rs.getString(2))));
            point.put("perfect_eur", Money.forJson(Money.fromDb(rs.getString(3))));
            points.add(point);
        }, since, bucket, POINTS);
        Summary summary = summary(since);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("period", period);
        answer.put("points", points);
        answer.put("follower_return_pct", summary == null ? null : summary.followerReturnPct());
        answer.put("perfect_return_pct", summary == null ? null : summary.perfectReturnPct());
        answer.put("tracking_difference_pct", summary == null ? null : summary.trackingDifferencePct());
        answer.put("cost_of_copying_eur", summary == null ? null : summary.costOfCopyingEur());
        answer.put("signals", sql.one("SELECT count(*) FROM signals WHERE perfect_copy_applied = 1 AND received_at >= ?",
                rs -> rs.getInt(1), since));
        return answer;
    }

    /** L'écart de suivi sur {@code span} (la métrique), ou null sans deux instantanés avec la copie. */
    public BigDecimal trackingDifferencePct(Duration span) {
        Summary summary = summary(Timestamps.format(clock.instant().minus(span)));
        return summary == null ? null : summary.trackingDifferencePct();
    }

    /**
     * Du premier au dernier instantané de la période : gain = fin − début − flux nets (dépôts moins
     * retraits entre les deux), rendement = gain / (début + dépôts). Les deux séries ont les mêmes flux.
     */
    private Summary summary(String since) {
        Point first = edge(since, "ASC");
        Point last = edge(since, "DESC");
        if (first == null || last == null || first.at().equals(last.at())) {
            return null;
        }
        BigDecimal deposits = sum("SELECT amount_eur FROM deposits WHERE created_at > ? AND created_at <= ?", first, last);
        BigDecimal withdrawals = sum("SELECT coalesce(amount_eur_received, amount_eur_requested) FROM withdrawals "
                + "WHERE created_at > ? AND created_at <= ?", first, last);
        BigDecimal flows = deposits.subtract(withdrawals);
        BigDecimal followerGain = last.follower().subtract(first.follower()).subtract(flows);
        BigDecimal perfectGain = last.perfect().subtract(first.perfect()).subtract(flows);
        BigDecimal followerReturn = Money.percent(followerGain, first.follower().add(deposits));
        BigDecimal perfectReturn = Money.percent(perfectGain, first.perfect().add(deposits));
        return new Summary(followerReturn, perfectReturn, followerReturn.subtract(perfectReturn),
                Money.cents(perfectGain.subtract(followerGain)));
    }

    private Point edge(String since, String order) {
        return sql.one(EDGE.formatted(order, order), rs -> new Point(rs.getString(1), Money.fromDb(rs.getString(2)),
                Money.fromDb(rs.getString(3))), since);
    }

    private BigDecimal sum(String query, Point from, Point to) {
        return sql.list(query, rs -> Money.fromDb(rs.getString(1)), from.at(), to.at()).stream()
                .filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
