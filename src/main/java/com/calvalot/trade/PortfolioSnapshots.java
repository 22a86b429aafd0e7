package com.calvalot.trade;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.agent.DrawdownGuard;
import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.time.Timestamps;

/**
 * Les instantanés du portefeuille et la règle de survie : sous 5 EUR, l'agent meurt pour de bon,
 * mais seulement d'après une valeur fiable (prix frais et, en live, soldes lus) : une panne de la
 * bourse ne ressemble jamais à un portefeuille vide.
 */
public class PortfolioSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioSnapshots.class);

    private final Sql sql;
    private final PortfolioValuation valuation;
    private final AgentStateRepository agentState;
    private final Clock clock;

    public PortfolioSnapshots(Sql sql, PortfolioValuation valuation, AgentStateRepository agentState, Clock clock) {
        this.sql = sql;
        this.valuation = valuation;
        this.agentState = agentState;
        this.clock = clock;
    }

    /**
     * L'instantané d'un cycle de poll est-il dû ? Oui, sauf quand personne n'est encore suivi (mode
     * installation) et que rien n'a jamais été acheté ni vendu : il n'y aurait que le dépôt à valoriser,
     * au prix d'un appel à Binance (et d'un avertissement) avant même la configuration.
     */
    public boolean dueAfterPoll(String pollStatus) {
        return !"not_configured".equals(pollStatus)
                || Boolean.TRUE.equals(sql.one("SELECT EXISTS (SELECT 1 FROM trades)", rs -> rs.getInt(1) == 1));
    }

    /**
     * Écrit un instantané ; renvoie le message d'alerte si l'agent vient de mourir, sinon null. La
     * valeur reste sur l'échange pour la garde du drawdown, qui juge sur les mêmes chiffres.
     */
    public String take(Exchange exchange) {
        PortfolioValue value = valuation.current();
        exchange.setProperty(DrawdownGuard.SNAPSHOT_VALUE, value);
        if (value.totalEur() == null) {
            LOG.debug("No snapshot: the portfolio value is unknown (no price or balance read yet)");
            return null;
        }
        sql.update("INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, created_at) "
                + "VALUES (?, ?, ?, ?)", Money.toDb(value.totalEur()), Money.toDb(value.positionsUsdt()),
                Money.toDb(value.cashUsdt()), Timestamps.now(clock));
        if (value.reliable() && value.totalEur().compareTo(Money.MIN_BUDGET_EUR) < 0 && !agentState.isDead()) {
            String reason = "portfolio worth " + Money.cents(value.totalEur()) + " EUR, under the "
                    + Money.MIN_BUDGET_EUR + " EUR minimum: trading stopped for good";
            agentState.markDead(reason);
            LOG.error("Agent DEAD: {}", reason);
            return "agent DEAD: " + reason;
        }
        return null;
    }
}
