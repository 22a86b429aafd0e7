package com.calvalot.agent;

import java.math.BigDecimal;

import org.apache.camel.ExchangeProperty;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.money.MoneyText;
import com.calvalot.portfolio.PortfolioValue;

/**
 * PAUSE_ON_DRAWDOWN_PCT : à chaque instantané fait de chiffres frais, la valeur en EUR est comparée
 * à son sommet ; tombée de cette fraction sous lui, l'agent se met en pause (jamais DEAD) et
 * l'alerte drawdown part, une fois. Le sommet repart de zéro après un dépôt, un retrait ou une
 * reprise : un mouvement d'argent n'est ni une hausse ni une chute.
 */
public class DrawdownGuard {

    public static final String SNAPSHOT_VALUE = "snapshotValue";
    /** La marque des flux connus quand la valeur de l'instantané a été lue ({@link #flowsBasis}). */
    public static final String SNAPSHOT_FLOWS = "snapshotFlows";

    private final Sql sql;
    private final AgentStateRepository agentState;
    private final BigDecimal pct;

    /** {@code pct} null : la limite est éteinte. */
    public DrawdownGuard(Sql sql, AgentStateRepository agentState, BigDecimal pct) {
        this.sql = sql;
        this.agentState = agentState;
        this.pct = pct;
    }

    /** Le corps de l'alerte drawdown si l'agent vient de se mettre en pause, sinon null. */
    public String check(@ExchangeProperty(SNAPSHOT_VALUE) PortfolioValue value,
                        @ExchangeProperty(SNAPSHOT_FLOWS) String flowsAtValue) {
        if (pct == null || value == null || !value.reliable() || value.totalEur() == null) {
            return null;
        }
        // mort ou déjà en pause : rien à surveiller (la reprise remet le sommet à zéro)
        if (agentState.isDead() || agentState.isPaused()) {
            return null;
        }
        // des pièces manquent au compte sans que le registre les ait suivies (Earn, transfert) : elles
        // peuvent revenir, une « chute » faite de leur absence n'est pas jugée
        if (agentState.balanceDriftPending()) {
            return null;
        }
        BigDecimal total = value.totalEur();
        String basis = flowsBasis(sql);
        if (flowsAtValue != null && !flowsAtValue.equals(basis)) {
            // un flux (dépôt, retrait, argent parti constaté) est arrivé après la lecture de cette valeur : elle
            // ne le contient pas, elle n'est ni un sommet ni une chute ; l'instantané suivant juge
            return null;
        }
        Peak peak = sql.one("SELECT drawdown_peak_eur, drawdown_basis FROM agent_state WHERE id = 1",
                rs -> new Peak(Money.fromDb(rs.getString(1)), rs.getString(2)));
        if (peak == null || peak.eur() == null || !basis.equals(peak.basis()) || total.compareTo(peak.eur()) > 0) {
            sql.update("UPDATE agent_state SET drawdown_peak_eur = ?, drawdown_basis = ? WHERE id = 1", Money.toDb(total), basis);
            return null;
        }
        BigDecimal fall = peak.eur().subtract(total);
        if (fall.signum() <= 0 || fall.compareTo(peak.eur().multiply(pct)) < 0) {
            return null;
        }
        if (!agentState.pause(AgentStateRepository.DRAWDOWN)) {
            return null;
        }
        // chiffres selon la règle des messages (MoneyText, docs/telegram.md) : l'alerte part telle quelle
        return "drawdown: portfolio " + MoneyText.eur(total) + ", " + MoneyText.pctPoints(Money.percent(fall, peak.eur()))
                .replace("+", "") + " under its peak of " + MoneyText.eur(peak.eur()) + ". Trading paused until you resume it.";
    }

    /** Une marque qui change à chaque dépôt, retrait ou correction du total déposé. */
    public static String flowsBasis(Sql sql) {
        return sql.one("SELECT total_deposited_eur || '|' || total_withdrawn_eur || '|' || "
                + "coalesce((SELECT max(id) FROM deposits), 0) || '|' || coalesce((SELECT max(id) FROM withdrawals), 0) "
                + "FROM budget WHERE id = 1", rs -> rs.getString(1));
    }

    private record Peak(BigDecimal eur, String basis) {
    }
}
