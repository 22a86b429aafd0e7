package com.calvalot.perfect;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private static final String EDGE = "SELECT created_at, total_value_eur, perfect_value_eur, portfolio_value_usdt, cash_usdt "
            + "FROM portfolio_snapshots WHERE created_at >= ? AND perfect_value_eur IS NOT NULL ORDER BY created_at %s, id %s LIMIT 1";
    /** Un écart de moins d'un centime (le chiffre montré) : le suiveur a fait aussi bien que sa copie. */
    static final String SAME = "same";
    static final String BEHIND = "behind";
    static final String AHEAD = "ahead";

    private final Sql sql;
    private final Clock clock;

    /** Un instantané : le suiveur et la copie parfaite, en EUR ; {@code totalUsdt} : le suiveur en USDC (le cours du moment). */
    private record Point(String at, BigDecimal follower, BigDecimal perfect, BigDecimal totalUsdt) {
    }

    /**
     * Ce que la période dit des deux, d'un seul calcul que la phrase, le graphique et l'API reprennent :
     * rendements (%), écart de suivi (points de %), coût en EUR (= frais + le reste), l'écart au départ
     * (le graphique abaisse la copie d'autant : les deux courbes partent ensemble et finissent à {@code cost}
     * l'une de l'autre) et le verdict, jugé au centime du coût et non sur un pourcentage arrondi.
     */
    public record Summary(BigDecimal followerReturnPct, BigDecimal perfectReturnPct, BigDecimal trackingDifferencePct,
                          BigDecimal costOfCopyingEur, BigDecimal feesEur, BigDecimal otherCostsEur, BigDecimal startGapEur,
                          String comparison, String from, String to) {
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
        answer.put("fees_eur", summary == null ? periodFeesEur(since) : summary.feesEur());
        answer.put("other_costs_eur", summary == null ? null : summary.otherCostsEur());
        answer.put("comparison", summary == null ? null : summary.comparison());
        answer.put("start_gap_eur", summary == null ? null : summary.startGapEur());
        answer.put("from", summary == null ? null : summary.from());
        answer.put("to", summary == null ? null : summary.to());
        answer.put("daily", daily(now));
        return answer;
    }

    /** Sans deux instantanés à comparer : les commissions de toute la période, au cours du dernier instantané. */
    private BigDecimal periodFeesEur(String since) {
        Point last = sql.one("SELECT created_at, total_value_eur, perfect_value_eur, portfolio_value_usdt, cash_usdt "
                + "FROM portfolio_snapshots ORDER BY id DESC LIMIT 1", CopyTracking::point);
        return feesEur("SELECT fee_usdt FROM trades WHERE created_at >= ?", last, since);
    }

    /**
     * Des commissions en EUR, au cours de l'instantané {@code at} : la part du coût de la copie que l'on
     * sait nommer ; le reste est minimums, arrondis, glissement, délais et limites. null sans cours.
     */
    private BigDecimal feesEur(String query, Point at, Object... parameters) {
        if (at == null || at.follower() == null || at.totalUsdt() == null || at.totalUsdt().signum() == 0) {
            return null;
        }
        BigDecimal feesUsdt = sql.list(query, rs -> Money.fromDb(rs.getString(1)), parameters).stream()
                .filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Money.cents(feesUsdt.multiply(Money.ratio(at.follower(), at.totalUsdt())));
    }

    /**
     * Le P&L de chacun des {@link #DAYS} derniers jours (UTC) : la valeur du dernier instantané du jour
     * moins celle de la veille, moins les dépôts du jour (plus les retraits), pour le suiveur et sa copie.
     */
    private List<Map<String, Object>> daily(Instant now) {
        String since = Timestamps.format(now.minus(Duration.ofDays(DAYS + 1)));
        List<Point> closes = sql.list("SELECT date(created_at) AS day, total_value_eur, perfect_value_eur, max(created_at) "
                + "FROM portfolio_snapshots WHERE created_at >= ? GROUP BY date(created_at) ORDER BY day",
                rs -> new Point(rs.getString(1), Money.fromDb(rs.getString(2)), Money.fromDb(rs.getString(3)), null), since);
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
        BigDecimal cost = Money.cents(perfectGain.subtract(followerGain));
        // les trades faits entre les deux instantanés comparés (ceux de la seconde du premier l'ont précédé)
        BigDecimal fees = feesEur("SELECT fee_usdt FROM trades WHERE created_at > ? AND created_at <= ?", last,
                first.at(), last.at());
        String comparison = cost.signum() == 0 ? SAME : cost.signum() > 0 ? BEHIND : AHEAD;
        return new Summary(followerReturn, perfectReturn, followerReturn.subtract(perfectReturn), cost, fees,
                fees == null ? null : cost.subtract(fees), Money.cents(first.perfect().subtract(first.follower())), comparison,
                first.at(), last.at());
    }

    private Point edge(String since, String order) {
        return sql.one(EDGE.formatted(order, order), CopyTracking::point, since);
    }

    private static Point point(ResultSet rs) throws SQLException {
        BigDecimal portfolio = Money.fromDb(rs.getString(4));
        BigDecimal cash = Money.fromDb(rs.getString(5));
        return new Point(rs.getString(1), Money.fromDb(rs.getString(2)), Money.fromDb(rs.getString(3)),
                portfolio == null || cash == null ? null : portfolio.add(cash));
    }

    private BigDecimal sum(String query, Point from, Point to) {
        return sql.list(query, rs -> Money.fromDb(rs.getString(1)), from.at(), to.at()).stream()
                .filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
