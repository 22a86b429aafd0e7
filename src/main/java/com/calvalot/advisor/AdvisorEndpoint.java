package com.calvalot.advisor;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.api.ApiException;
import com.calvalot.api.JsonResponses;

/**
 * GET /api/copy/advisor?budgets=25,50,100&period=30d : les signaux de la période rejoués à ces budgets
 * (api.md). Strict : un budget est un montant en EUR de 5 à 1 000 000, deux décimales au plus, 12 au plus ;
 * une période est un nombre de jours de 1d à 365d (ou 1w, 1m, 1y) ; sinon 400.
 */
public class AdvisorEndpoint implements Processor {

    static final int MAX_BUDGETS = 12;
    static final BigDecimal MIN_BUDGET = new BigDecimal("5");
    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})d");
    private static final String BUDGETS_RULE = "budgets must be 1 to " + MAX_BUDGETS + " amounts in EUR from 5 to 1000000 "
            + "(at most two decimals), separated by commas, for example budgets=25,50,100";
    private static final String PERIOD_RULE = "period must be a number of days from 1d to 365d (or 1w, 1m, 1y)";

    private final BudgetAdvisor advisor;

    public AdvisorEndpoint(BudgetAdvisor advisor) {
        this.advisor = advisor;
    }

    @Override
    public void process(Exchange exchange) {
        String period = one(exchange, "period", PERIOD_RULE);
        String shown = period == null ? "30d" : period;
        Duration span = span(shown);
        List<BigDecimal> budgets = budgets(one(exchange, "budgets", BUDGETS_RULE));
        JsonResponses.writeJson(exchange, 200, advisor.adviceJson(shown, span, budgets));
    }

    /** Un paramètre donné une fois (ou pas) ; deux fois : 400. */
    private static String one(Exchange exchange, String name, String rule) {
        Object raw = exchange.getMessage().getHeader(name);
        if (raw instanceof Collection<?> values) {
            if (values.size() != 1) {
                throw ApiException.badRequest(name + " given more than once: " + rule);
            }
            raw = values.iterator().next();
        }
        return raw == null ? null : raw.toString().trim();
    }

    static Duration span(String period) {
        switch (period) {
            case "1w":
                return Duration.ofDays(7);
            case "1m":
                return Duration.ofDays(30);
            case "1y":
                return Duration.ofDays(365);
            default:
                Matcher days = DAYS.matcher(period);
                int count = days.matches() ? Integer.parseInt(days.group(1)) : 0;
                if (count < 1 || count > 365) {
                    throw ApiException.badRequest(PERIOD_RULE);
                }
                return Duration.ofDays(count);
        }
    }

    /** Absents : les budgets du tableau de bord ; sinon chacun vérifié, les doublons une fois, rangés. */
    static List<BigDecimal> budgets(String raw) {
        if (raw == null) {
            return BudgetAdvisor.DEFAULT_BUDGETS;
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_BUDGETS) {
            throw ApiException.badRequest(BUDGETS_RULE);
        }
        TreeSet<BigDecimal> budgets = new TreeSet<>();
        for (String part : parts) {
            String text = part.trim();
            if (!AMOUNT.matcher(text).matches()) {
                throw ApiException.badRequest(BUDGETS_RULE);
            }
            BigDecimal budget = new BigDecimal(text);
            if (budget.compareTo(MIN_BUDGET) < 0 || budget.compareTo(MAX_BUDGET) > 0) {
                throw ApiException.badRequest(BUDGETS_RULE);
            }
            budgets.add(budget.stripTrailingZeros());
        }
        return List.copyOf(budgets);
    }
}
