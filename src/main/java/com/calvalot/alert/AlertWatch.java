package com.calvalot.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.exchange.PairStatuses;
import com.calvalot.leader.PollOutcome;
import com.calvalot.leader.UpdateFlagWriter;
import com.calvalot.ops.TradeLines;
import com.calvalot.trade.SignalRun;

/**
 * Après chaque cycle de poll : les alertes que ce cycle lève (leader injoignable, signal en
 * erreur, mise à jour demandée, trades copiés) et les guérisons qu'il constate. Le guichet
 * {@link AlertDesk} écarte ensuite ce qui a déjà été envoyé.
 */
public class AlertWatch {

    /** Les issues de PollGate : le leader n'a pas été appelé, son silence ne compte pas. */
    static final Set<String> NOT_ASKED = Set.of("paused", "dead", "not_configured");

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);

    private final AlertDesk desk;
    private final LeaderReachability leader;
    private final AgentStateRepository agentState;
    private final Sql sql;
    private final PairStatuses pairStatuses;
    private final boolean onTrades;
    private final String currentVersion;

    public AlertWatch(AlertDesk desk, LeaderReachability leader, AgentStateRepository agentState, Sql sql,
                      PairStatuses pairStatuses, boolean onTrades, String currentVersion) {
        this.desk = desk;
        this.leader = leader;
        this.agentState = agentState;
        this.sql = sql;
        this.pairStatuses = pairStatuses;
        this.onTrades = onTrades;
        this.currentVersion = currentVersion;
    }

    /** Les alertes à envoyer, chacune « kind: message » ; la route les passe une à une à direct:alert. */
    public List<String> afterPoll(Exchange exchange) {
        List<String> alerts = new ArrayList<>();
        try {
            collect(exchange, alerts);
        } catch (RuntimeException e) {
            // une alerte qui ne peut être préparée ne doit pas casser le cycle qui l'a vue
            LOG.warn("Alerts of this poll not evaluated ({})", e.getClass().getSimpleName());
        }
        return alerts;
    }

    private void collect(Exchange exchange, List<String> alerts) {
        PollOutcome outcome = exchange.getProperty(PollOutcome.PROPERTY, PollOutcome.class);
        if (outcome != null && NOT_ASKED.contains(outcome.status())) {
            leader.notAsked();
        }
        String unreachable = leader.problem();
        if (unreachable != null) {
            alerts.add("leader_unreachable: " + unreachable);
        } else {
            desk.clear("leader_unreachable");
        }
        if (outcome != null && outcome.signalId() != null && !"duplicate".equals(outcome.status())) {
            desk.clear("no_signal");
            signalEnded(outcome.signalId(), outcome.status(), outcome.error(), alerts);
        }
        String version = exchange.getProperty(UpdateFlagWriter.UPDATE_REQUESTED, String.class);
        if (version != null) {
            alerts.add("update_requested: the leader asks for version " + version + " (this is " + currentVersion
                    + "); the UPDATE_REQUESTED file is written next to the database");
        }
        if (!agentState.isPaused()) {
            desk.clear("drawdown");
        }
        // guéri (pièces revenues) ou registre recalé et écart résorbé : la prochaine dérive sera de nouveau dite
        if (sql.one("SELECT count(*) FROM balance_drift_watch", rs -> rs.getInt(1)) == 0) {
            desk.clear("balance_drift");
        }
    }

    /**
     * Après chaque instantané (qui lit les prix) : une alerte par paire que Binance ne laisse plus trader, dite
     * une fois, de nouveau si elle s'arrête encore après être revenue. Étape de la route take-snapshot.
     */
    public List<String> untradeablePairs() {
        Set<String> untradeable = new java.util.LinkedHashSet<>();
        for (String reason : pairStatuses.all().values()) {
            untradeable.add("pair_untradeable: " + reason
                    + ". Its orders are skipped; the other pairs trade as usual, and it trades again once Binance lists it.");
        }
        desk.clearAllBut("pair_untradeable", untradeable);
        return new ArrayList<>(untradeable);
    }

    /**
     * Après la reprise d'un signal resté « executing » (bourse muette, arrêt brutal) : son issue n'est
     * connue qu'ici, le poll qui l'a reçu n'a rien pu en dire. Étape de la route resume-signal.
     */
    public List<String> afterResume(Exchange exchange) {
        List<String> alerts = new ArrayList<>();
        try {
            Object run = exchange.getProperty("signalRun");
            String signalId = run instanceof SignalRun r ? r.signalId() : null;
            String status = exchange.getMessage().getHeader("signalOutcome", String.class);
            if (signalId != null) {
                String error = "error".equals(status) ? sql.one("SELECT error_message FROM signals WHERE signal_id = ?",
                        rs -> rs.getString(1), signalId) : null;
                signalEnded(signalId, status, error, alerts);
            }
        } catch (RuntimeException e) {
            LOG.warn("Alerts of this resumed signal not evaluated ({})", e.getClass().getSimpleName());
        }
        return alerts;
    }

    /** signal_error pour un signal en erreur ; un signal exécuté l'efface et, avec ALERT_ON_TRADES, liste ses trades. */
    private void signalEnded(String signalId, String status, String error, List<String> alerts) {
        if ("error".equals(status)) {
            alerts.add("signal_error: signal " + signalId + " failed: " + (error == null ? "see the dashboard" : error));
        } else if ("executed".equals(status)) {
            desk.clear("signal_error");
            if (onTrades) {
                String trades = TradeLines.ofSignal(sql, signalId);
                if (trades != null) {
                    alerts.add("trades: signal " + signalId + ": " + trades);
                }
            }
        }
    }
}
