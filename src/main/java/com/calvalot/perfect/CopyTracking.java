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
    /** Les jours du P&L quotidien (le graphique en barres du tableau de bord). */
    static final int DAYS = 30;

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
        answer.put("fees_eur", feesEur(since));
        answer.put("daily", daily(now));
        return answer;
    }

    /**
     * Les commissions payées sur la période, en EUR (au cours du dernier instantané) : la part du coût
     * de la copie que l'on sait nommer ; le reste est minimums, arrondis, glissement, délais et limites.
     */
    private BigDecimal feesEur(String since) {
        BigDecimal feesUsdt = sql.list("SELECT fee_usdt FROM trades WHERE created_at >= ?", rs -> Money.fromDb(rs.getString(1)),
                since).stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal[] last = sql.one("SELECT total_value_eur, portfolio_value_usdt, cash_usdt FROM portfolio_snapshots "
                + "ORDER BY id DESC LIMIT 1", rs -> new BigDecimal[] {Money.fromDb(rs.getString(1)), Money.fromDb(rs.getString(2)),
                        Money.fromDb(rs.getString(3))});
        if (last == null || last[0] == null || last[1] == null || last[2] == null || last[1].add(last[2]).signum() == 0) {
            return null;
        }
        return Money.cents(feesUsdt.multiply(Money.ratio(last[0], last[1].add(last[2]))));
    }

    /**
     * Le P&L de chacun des {@link #DAYS} derniers jours (UTC) : la valeur du dernier instantané du jour
     * moins celle de la veille, moins les dépôts du jour (plus les retraits), pour le suiveur et sa copie.
     */
    private List<Map<String, Object>> daily(Instant now) {
        String since = Timestamps.format(now.minus(Duration.ofDays(DAYS + 1)));
        List<Point> closes = sql.list("SELECT date(created_at) AS day, total_value_eur, perfect_value_eur, max(created_at) "
                + "FROM portfolio_snapshots WHERE created_at >= ? GROUP BY date(created_at) ORDER BY day",
                rs -> new Point(rs.getString(1), Money.fromDb(rs.getString(2)), Money.fromDb(rs.getString(3))), since);
        Map<String, BigDecimal> flows = new LinkedHashMap<>();
        sql.forEach("SELECT date(created_at), amount_eur FROM deposits WHERE created_at >= ?",
                rs -> flows.merge(rs.getString(1), Money.fromDb(rs.getString(2)), BigDecimal::add), since);
        sql.forEach("SELECT date(created_at), coalesce(amount_eur_received, amount_eur_requested) FROM withdrawals "
                + "WHERE created_at >= ?", rs -> {
                    BigDecimal out = Money.fromDb(rs.getString(2));
                    if (out != null) {
                        flows.merge(rs.getString(1), out.negate(), BigDecimal::add);
                    }
                }, since);
        List<Map<String, Object>> days = new ArrayList<>();
        for (int i = 1; i < closes.size(); i++) {
            Point before = closes.get(i - 1);
            Point day = closes.get(i);
            BigDecimal flow = flows.getOrDefault(day.at(), BigDecimal.ZERO);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", day.at());
            row.put("follower_pnl_eur", Money.cents(day.follower().subtract(before.follower()).subtract(flow)));
            row.put("perfect_pnl_eur", day.perfect() == null || before.perfect() == null ? null
                    : Money.cents(day.perfect().subtract(before.perfect()).subtract(flow)));
            days.add(row);
        }
        return days.size() > DAYS ? days.subList(days.size() - DAYS, days.size()) : days;
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
