package com.calvalot.budget;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;

/**
 * L'état du budget servi par GET /api/budget (api.md) : statut de l'agent, dépôts, valeur en USDC
 * et en EUR, P&L. Ne tombe jamais parce que la bourse est injoignable : les valeurs inconnues sont
 * null et {@code prices_stale} le dit.
 * La réponse JSON est resservie tant que rien de ce qu'elle montre n'a bougé : la ligne du budget,
 * l'état de l'agent et les positions (une seule requête les résume) et la valeur du portefeuille
 * (dont les liquidités ne sont re-sommées que si le registre a bougé).
 */
public class BudgetReport {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetReport.class);

    private final BudgetLedger ledger;
    private final AgentStateRepository agent;
    private final Sql sql;
    private final Settings settings;
    private final PortfolioValuation valuation;
    private volatile CachedReport cached;

    // tout ce que montre la réponse hors valorisation, en une chaîne : elle change dès qu'un dépôt,
    // une pause, une mort ou un trade change la ligne du budget, de l'agent ou des positions
    private static final String STAMP = "SELECT ifnull((SELECT mode || ',' || initial_total_eur || ',' || total_deposited_eur "
            + "|| ',' || total_withdrawn_eur || ',' || created_at FROM budget WHERE id = 1), '-') || '|' || "
            + "ifnull((SELECT paused || ',' || dead FROM agent_state WHERE id = 1), '-') || '|' || "
            + "ifnull((SELECT group_concat(coin || '=' || quantity) FROM positions), '-')";

    private record CachedReport(String stamp, PortfolioValue value, String json) {
    }

    public BudgetReport(BudgetLedger ledger, AgentStateRepository agent, Sql sql, Settings settings,
                        PortfolioValuation valuation) {
        this.ledger = ledger;
        this.agent = agent;
        this.sql = sql;
        this.settings = settings;
        this.valuation = valuation;
    }

    /** La réponse de GET /api/budget en JSON, recalculée seulement si ce qu'elle montre a bougé. */
    public String currentJson() {
        String stamp = sql.one(STAMP, rs -> rs.getString(1));
        PortfolioValue value = value();
        CachedReport known = cached;
        if (known != null && known.stamp().equals(stamp) && Objects.equals(known.value(), value)) {
            return known.json();
        }
        String json = Json.write(report(value));
        cached = new CachedReport(stamp, value, json);
        return json;
    }

    private Map<String, Object> report(PortfolioValue value) {
        BudgetRow budget = ledger.read();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", status(budget));
        report.put("mode", settings.tradingMode().wireName());
        report.put("demo", settings.demo());
        report.put("initial_total_eur", budget == null ? null : Money.forJson(budget.initialTotalEur()));
        report.put("total_deposited_eur", budget == null ? null : Money.forJson(budget.totalDepositedEur()));
        report.put("total_withdrawn_eur", budget == null ? null : Money.forJson(budget.totalWithdrawnEur()));
        report.put("positions_count", positionsCount());
        report.put("created_at", budget == null ? null : budget.createdAt());
        MarketSnapshot market = value == null ? null : value.market();
        report.put("cash_usdt", value == null ? null : Money.forJson(value.cashUsdt()));
        report.put("portfolio_usdt", value == null ? null : Money.forJson(value.positionsUsdt()));
        report.put("total_value_usdt", value == null ? null : Money.forJson(value.totalUsdt()));
        BigDecimal totalEur = value == null ? null : value.totalEur();
        report.put("total_value_eur", Money.forJson(totalEur));
        boolean rateKnown = market != null && market.known();
        report.put("eurusdc_rate", rateKnown ? Money.forJson(Money.ratio(BigDecimal.ONE, market.eurUsdc())) : null);
        report.put("prices_stale", market == null || market.stale());
        BigDecimal net = budget == null ? null : budget.netDepositedEur();
        BigDecimal pnl = totalEur == null || net == null ? null : totalEur.subtract(net);
        report.put("pnl_eur", Money.forJson(pnl));
        report.put("pnl_pct", pnl == null || net.signum() <= 0 ? null : Money.forJson(Money.percent(pnl, net)));
        return report;
    }

    private String status(BudgetRow budget) {
        if (budget == null) {
            return "UNINITIALIZED";
        }
        if (agent.isDead()) {
            return "DEAD";
        }
        return agent.isPaused() ? "PAUSED" : "ACTIVE";
    }

    private int positionsCount() {
        return sql.list("SELECT quantity FROM positions", rs -> Money.fromDb(rs.getString(1))).stream()
                .filter(q -> q != null && q.signum() > 0)
                .toList().size();
    }

    /** La valorisation, ou null si elle échoue (une panne ne fait jamais tomber /api/budget). */
    private PortfolioValue value() {
        try {
            return valuation.current();
        } catch (RuntimeException e) {
            LOG.warn("Portfolio valuation failed for /api/budget: {}", e.getClass().getSimpleName());
            return null;
        }
    }
}
