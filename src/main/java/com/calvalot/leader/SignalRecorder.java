package com.calvalot.leader;

import java.math.BigDecimal;
import java.time.Clock;

import org.apache.camel.Exchange;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.json.BoundedNumbers;
import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.signal.Signal;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;

/**
 * Enregistre un signal nouveau dans la table signals : {@code received} s'il est valide (le flux de
 * trading le fera avancer), {@code rejected} avec sa raison sinon. {@code reasoning} est stocké tel
 * quel, en texte. Une ligne déjà présente pour ce signal_id veut dire « déjà vu » : le signal
 * devient alors un doublon et n'est pas exécuté (défense en profondeur derrière le consommateur idempotent).
 */
public class SignalRecorder {

    private final Sql sql;
    private final AgentStateRepository agentState;
    private final Clock clock;

    public SignalRecorder(Sql sql, AgentStateRepository agentState, Clock clock) {
        this.sql = sql;
        this.agentState = agentState;
        this.clock = clock;
    }

    /** Propriété d'échange : la ligne du signal est écrite (avant, une panne doit libérer sa clé de déduplication). */
    public static final String RECORDED = "signalRecorded";

    public void record(Exchange exchange) {
        JsonNode json = exchange.getProperty(SignalValidator.JSON, JsonNode.class);
        Object body = exchange.getMessage().getBody();
        agentState.recordSignalTime(clock.instant().getEpochSecond());
        if (body instanceof Signal signal) {
            if (insert(signal.signalId(), json, "received", null) == 0) {
                exchange.setProperty(PollOutcome.PROPERTY, new PollOutcome("duplicate", signal.signalId(), null, null));
            }
        } else if (body instanceof RejectedSignal rejected) {
            insert(rejected.signalId(), json, "rejected", rejected.reason());
            exchange.setProperty(PollOutcome.PROPERTY,
                    new PollOutcome("rejected", rejected.signalId(), null, rejected.reason()));
        }
        exchange.setProperty(RECORDED, true);
    }

    /**
     * Chaque valeur stockée est bornée (BoundedNumbers) : aucune ligne ne peut ensuite casser une
     * réponse de l'API ni développer un nombre en millions de chiffres.
     */
    private int insert(String signalId, JsonNode json, String status, String reason) {
        JsonNode bounded = BoundedNumbers.bounded(json);
        JsonNode version = bounded.get("version");
        JsonNode reasoning = bounded.get("reasoning");
        JsonNode actions = bounded.get("actions");
        JsonNode state = bounded.get("portfolio_state");
        return sql.update("INSERT OR IGNORE INTO signals (signal_id, version, confidence, reasoning, actions, "
                        + "portfolio_state, status, error_message, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                signalId,
                version != null && version.canConvertToInt() && version.isIntegralNumber() ? version.intValue() : null,
                Money.toDb(confidence(bounded.get("confidence"))),
                reasoning != null && reasoning.isTextual() ? reasoning.textValue() : null,
                actions != null && actions.isArray() ? Json.write(actions) : "[]",
                state != null && state.isObject() ? Json.write(state) : null,
                status, reason, Timestamps.now(clock));
    }

    /** La confiance telle qu'elle sera montrée : un nombre borné, sinon rien. */
    private static BigDecimal confidence(JsonNode node) {
        return node != null && node.isNumber() && !((NumericNode) node).isNaN()
                ? BoundedNumbers.treated(node.decimalValue()) : null;
    }
}
