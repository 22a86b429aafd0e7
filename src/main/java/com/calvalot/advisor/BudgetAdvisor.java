package com.calvalot.advisor;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;
import com.calvalot.trade.BudgetReplay;

/**
 * La réponse de GET /api/copy/advisor (api.md) : le rejeu des signaux de la période à chaque budget
 * (BudgetReplay), ses lignes rangées par budget, celle du suiveur marquée, et le plus petit budget à partir
 * duquel la copie reste à 1 % d'une copie parfaite. Calculée à la demande et gardée tant que rien de ce
 * qu'elle rejoue n'a changé (un signal de plus, un dépôt, un retrait, la fenêtre qui avance d'un signal) :
 * une requête bornée le vérifie.
 */
public class BudgetAdvisor {

    /** Les budgets du tableau de bord et de /advisor, en EUR (plus celui du suiveur). */
    public static final List<BigDecimal> DEFAULT_BUDGETS = List.of(new BigDecimal("25"), new BigDecimal("50"),
            new BigDecimal("100"), new BigDecimal("250"), new BigDecimal("500"), new BigDecimal("1000"));
    /** « Fidèle » : un écart de suivi d'au plus 1 point de pourcentage, dans un sens ou dans l'autre. */
    static final BigDecimal FAITHFUL_PCT = BigDecimal.ONE;
    private static final int KEPT = 8;

    private final BudgetReplay replay;
    private final Sql sql;
    private final Clock clock;
    /** Les dernières réponses, par budgets demandés et par état de ce qu'elles rejouent (les plus anciennes partent). */
    private final Map<List<Object>, String> answers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, String> eldest) {
            return size() > KEPT;
        }
    };

    public BudgetAdvisor(BudgetReplay replay, Sql sql, Clock clock) {
        this.replay = replay;
        this.sql = sql;
        this.clock = clock;
    }

    /** Le JSON de l'API pour {@code period} (déjà validée, {@code span} sa durée) et ces budgets (déjà validés). */
    public synchronized String adviceJson(String period, Duration span, List<BigDecimal> budgets) {
        String since = Timestamps.format(clock.instant().minus(span));
        List<Object> key = new ArrayList<>(List.of(period, budgets));
        key.addAll(state(since));
        String answer = answers.get(key);
        if (answer == null) {
            answer = Json.write(answer(period, replay.replay(Timestamps.parse(since), budgets)));
            answers.put(key, answer);
        }
        return answer;
    }

    /** Ce qui change la réponse : les signaux de la fenêtre (premier, dernier, nombre), les flux d'argent. */
    private List<Object> state(String since) {
        return sql.one("SELECT (SELECT coalesce(min(id), 0) FROM signals WHERE received_at >= ? AND sizing_id IS NOT NULL), "
                + "(SELECT coalesce(max(id), 0) FROM signals WHERE sizing_id IS NOT NULL), "
                + "(SELECT count(*) FROM signals WHERE received_at >= ? AND sizing_id IS NOT NULL), "
                + "(SELECT coalesce(max(id), 0) FROM deposits), (SELECT count(*) FROM deposits WHERE amount_usdt IS NULL), "
                + "(SELECT coalesce(max(id), 0) FROM withdrawals)",
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                since, since);
    }

    static Map<String, Object> answer(String period, BudgetReplay.Outcome outcome) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BudgetReplay.Figures figures : outcome.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("budget_eur", Money.forJson(figures.budgetEur()));
            row.put("own", figures.own());
            row.put("tracking_difference_pct", figures.trackingDifferencePct());
            row.put("fees_eur", figures.feesEur());
            row.put("orders_skipped", figures.ordersSkipped());
            row.put("value_eur", figures.valueEur());
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("period", period);
        answer.put("since", outcome.since());
        answer.put("signals_replayed", outcome.signalsReplayed());
        answer.put("rows", rows);
        answer.put("faithful_from_eur", Money.forJson(faithfulFrom(outcome.rows())));
        return answer;
    }

    /**
     * Le plus petit budget de la liste qui reste à 1 % de la copie parfaite, comme tous les budgets plus grands de
     * la liste (« à partir d'environ N EUR ») ; null si le plus grand ne l'est pas, ou sans chiffres.
     */
    static BigDecimal faithfulFrom(List<BudgetReplay.Figures> rows) {
        BigDecimal from = null;
        for (int i = rows.size() - 1; i >= 0; i--) {
            BigDecimal difference = rows.get(i).trackingDifferencePct();
            if (difference == null || difference.abs().compareTo(FAITHFUL_PCT) > 0) {
                break;
            }
            from = rows.get(i).budgetEur();
        }
        return from;
    }
}
