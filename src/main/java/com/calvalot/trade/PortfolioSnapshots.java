package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.agent.DrawdownGuard;
import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.perfect.PerfectCopyBook;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.time.Timestamps;

/**
 * Les instantanés du portefeuille et la règle de survie : sous 5 EUR, l'agent meurt pour de bon,
 * mais seulement d'après une valeur fiable (prix frais et, en live, soldes lus) : une panne de la
 * bourse ne ressemble jamais à un portefeuille vide. Et seulement par le trading et les prix : de
 * l'argent que l'utilisateur a déplacé (un écart en cours, un retrait depuis la dernière valeur saine)
 * ne tue jamais ; l'agent reste actif, sans rien à suivre tant que l'argent ne revient pas. En live, le compte n'est pas au suiveur seul
 * (pièces en Earn, bloquées, transférées) : la valeur sous 5 EUR doit se confirmer sur des lectures
 * fiables pendant {@link #CONFIRM_DEATH} ; une lecture au-dessus efface la série. En dry run, le
 * registre est la vérité : une lecture suffit.
 */
public class PortfolioSnapshots {

    static final Duration CONFIRM_DEATH = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(PortfolioSnapshots.class);

    private final Sql sql;
    private final PortfolioValuation valuation;
    private final AgentStateRepository agentState;
    private final Clock clock;
    private final boolean live;
    private final PerfectCopyBook perfectCopy;
    private final TradingLock lock;

    public PortfolioSnapshots(Sql sql, PortfolioValuation valuation, AgentStateRepository agentState, Clock clock,
                              boolean live, PerfectCopyBook perfectCopy, TradingLock lock) {
        this.sql = sql;
        this.valuation = valuation;
        this.agentState = agentState;
        this.clock = clock;
        this.live = live;
        this.perfectCopy = perfectCopy;
        this.lock = lock;
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
     * La lecture du compte d'un instantané, pour la réconciliation qui la suit (routes/trade.camel.yaml) : la
     * valeur, et la marque du verrou prise AVANT la lecture (la réconciliation saura si un signal a tradé depuis).
     */
    public void read(Exchange exchange) {
        exchange.setProperty(TradingLock.STAMP, lock.stamp());
        exchange.setProperty(DrawdownGuard.SNAPSHOT_VALUE, valuation.current());
    }

    /**
     * Écrit un instantané, après la réconciliation : la valeur est reprise des soldes que la lecture vient de
     * donner (en cache, aucune requête de plus), avec ce que la réconciliation vient de régler (un écart confirmé,
     * un ajout adopté) ; la copie parfaite reçoit les mêmes flux : les deux valeurs de la ligne sont du même
     * moment. Renvoie le message d'alerte si l'agent vient de mourir, sinon null. La valeur reste sur
     * l'échange pour la garde du drawdown, qui juge sur les mêmes chiffres.
     */
    public String take(Exchange exchange) {
        String flows = DrawdownGuard.flowsBasis(sql);
        PortfolioValue value = valuation.current();
        exchange.setProperty(DrawdownGuard.SNAPSHOT_VALUE, value);
        exchange.setProperty(DrawdownGuard.SNAPSHOT_FLOWS, flows);
        if (value.totalEur() == null) {
            LOG.debug("No snapshot: the portfolio value is unknown (no price or balance read yet)");
            return null;
        }
        // la copie parfaite valorisée aux mêmes prix, écrite avec l'instantané (null avant son premier signal)
        BigDecimal perfect = perfectCopy.valueEur(value.market());
        sql.update("INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, perfect_value_eur, "
                + "created_at) VALUES (?, ?, ?, ?, ?)", Money.toDb(value.totalEur()), Money.toDb(value.positionsUsdt()),
                Money.toDb(value.cashUsdt()), perfect == null ? null : Money.toDb(perfect), Timestamps.now(clock));
        if (!value.reliable() || agentState.isDead()) {
            return null;
        }
        if (value.totalEur().compareTo(Money.MIN_BUDGET_EUR) >= 0) {
            if (agentState.lowValueSince() != null) {
                LOG.info("Portfolio worth {} EUR again: no longer under the {} EUR minimum", Money.cents(value.totalEur()),
                        Money.MIN_BUDGET_EUR);
                agentState.setLowValueSince(null);
            }
            // la valeur était saine avec tous les flux connus jusqu'ici : la prochaine chute se juge depuis eux
            // (écrit seulement quand un flux est arrivé depuis : un instantané ordinaire n'écrit rien de plus)
            if (Boolean.FALSE.equals(sql.one("SELECT coalesce(healthy_withdrawal_id, -1) = (SELECT coalesce(max(id), 0) FROM "
                    + "withdrawals) AND coalesce(healthy_deposit_id, -1) = (SELECT coalesce(max(id), 0) FROM deposits) "
                    + "FROM agent_state WHERE id = 1", rs -> rs.getInt(1) == 1))) {
                sql.update("UPDATE agent_state SET healthy_withdrawal_id = (SELECT coalesce(max(id), 0) FROM withdrawals), "
                        + "healthy_deposit_id = (SELECT coalesce(max(id), 0) FROM deposits) WHERE id = 1");
            }
            return null;
        }
        String movedAway = movedAway(value.totalEur());
        if (movedAway != null) {
            if (agentState.lowValueSince() != null) {
                agentState.setLowValueSince(null);
            }
            LOG.debug("Portfolio worth {} EUR, under the {} EUR minimum, but {}: the agent lives", Money.cents(value.totalEur()),
                    Money.MIN_BUDGET_EUR, movedAway);
            return null;
        }
        return live ? confirmDeath(value) : die(value);
    }

    /**
     * DEAD ne vient que du trading et des prix : jamais tant qu'un écart est en cours (de l'argent parti peut
     * revenir), et jamais quand la valeur, les flux remis depuis la dernière valeur saine (retraits rendus,
     * dépôts ôtés), reste au-dessus de 5 EUR : c'est alors l'utilisateur qui a déplacé l'argent. La raison qui
     * épargne l'agent, ou null.
     */
    private String movedAway(BigDecimal totalEur) {
        if (agentState.balanceDriftPending()) {
            return "money is away from the account (a balance drift is pending)";
        }
        BigDecimal withdrawn = sum("SELECT coalesce(amount_eur_received, amount_eur_requested) FROM withdrawals "
                + "WHERE id > (SELECT coalesce(healthy_withdrawal_id, 0) FROM agent_state WHERE id = 1)");
        BigDecimal deposited = sum("SELECT amount_eur FROM deposits "
                + "WHERE id > (SELECT coalesce(healthy_deposit_id, 0) FROM agent_state WHERE id = 1)");
        BigDecimal throughTrading = totalEur.add(withdrawn).subtract(deposited);
        return throughTrading.compareTo(Money.MIN_BUDGET_EUR) >= 0
                ? "money was moved away since it was worth more (" + Money.cents(withdrawn) + " EUR withdrawn)" : null;
    }

    private BigDecimal sum(String query) {
        return sql.list(query, rs -> Money.fromDb(rs.getString(1))).stream().filter(v -> v != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Une lecture fiable sous 5 EUR de plus ; la mort quand la série dure depuis CONFIRM_DEATH. */
    private String confirmDeath(PortfolioValue value) {
        Instant readAt = value.accountReadAt();
        if (readAt == null) {
            return null;
        }
        Instant since = agentState.lowValueSince();
        if (since == null) {
            agentState.setLowValueSince(readAt);
            LOG.warn("Portfolio worth {} EUR, under the {} EUR minimum: trading stops for good if it stays under for {} "
                    + "minutes (coins in Earn or moved away come back first?)", Money.cents(value.totalEur()),
                    Money.MIN_BUDGET_EUR, CONFIRM_DEATH.toMinutes());
            return null;
        }
        if (Duration.between(since, readAt).compareTo(CONFIRM_DEATH) < 0) {
            return null;
        }
        return die(value);
    }

    private String die(PortfolioValue value) {
        String reason = "portfolio worth " + Money.cents(value.totalEur()) + " EUR, under the "
                + Money.MIN_BUDGET_EUR + " EUR minimum: trading stopped for good";
        agentState.markDead(reason);
        LOG.error("Agent DEAD: {}", reason);
        return "agent DEAD: " + reason;
    }
}
