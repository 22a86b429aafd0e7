package com.calvalot.leader;

import java.math.BigDecimal;
import java.time.Clock;

import org.apache.camel.Exchange;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
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
 * quel, en texte. La ligne, sa clé de déduplication et l'heure du dernier signal sont écrites dans
 * UNE transaction : un crash ne laisse jamais l'une sans l'autre. Une ligne déjà présente pour ce
 * signal_id veut dire « déjà vu » : le signal devient alors un doublon et n'est pas exécuté (défense
 * en profondeur derrière le consommateur idempotent).
 */
public class SignalRecorder {

    private final Sql sql;
    private final Clock clock;

    public SignalRecorder(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public void record(Exchange exchange) {
        JsonNode json = exchange.getProperty(SignalValidator.JSON, JsonNode.class);
        Object body = exchange.getMessage().getBody();
        String seenKey = exchange.getProperty(SeenSignals.UNWRITTEN, String.class);
        long now = clock.instant().getEpochSecond();
        PollOutcome outcome = sql.computeInTransaction(tx -> {
            if (seenKey != null) {
                SeenSignals.write(tx, seenKey);
            }
            AgentStateRepository.recordSignalTime(tx, now);
            if (body instanceof Signal signal) {
                return insert(tx, signal.signalId(), json, "received", null) == 0
                        ? new PollOutcome("duplicate", signal.signalId(), null, null) : null;
            }
            if (body instanceof RejectedSignal rejected) {
                insert(tx, rejected.signalId(), json, "rejected", rejected.reason());
                return new PollOutcome("rejected", rejected.signalId(), null, rejected.reason());
            }
            return null;
        });
        if (outcome != null) {
            exchange.setProperty(PollOutcome.PROPERTY, outcome);
        }
    }

    /**
     * Chaque valeur stockée est bornée (BoundedNumbers) : aucune ligne ne peut ensuite casser une
     * réponse de l'API ni développer un nombre en millions de chiffres.
     */
    private int insert(SqlTransaction tx, String signalId, JsonNode json, String status, String reason) {
        JsonNode bounded = BoundedNumbers.bounded(json);
        JsonNode version = bounded.get("version");
        JsonNode reasoning = bounded.get("reasoning");
        JsonNode actions = bounded.get("actions");
        JsonNode state = bounded.get("portfolio_state");
        return tx.update("INSERT OR IGNORE INTO signals (signal_id, version, confidence, reasoning, actions, "
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
