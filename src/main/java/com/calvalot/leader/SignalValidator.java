package com.calvalot.leader;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.json.BoundedNumbers;
import com.calvalot.signal.Signal;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;

/**
 * Applique chaque règle du tableau des champs de leader-protocol.md au corps JSON du leader.
 * Le corps devient un {@link Signal} valide ou un {@link RejectedSignal} avec sa raison ; la clé de
 * déduplication ({@code signal_id}, ou l'empreinte du corps s'il n'en a pas d'utilisable) est posée
 * en propriété {@link #KEY}, le JSON d'origine en {@link #JSON}.
 */
public class SignalValidator implements Processor {

    public static final String KEY = "signalKey";
    public static final String JSON = "signalJson";
    static final int MAX_ID_LENGTH = 128;
    static final BigDecimal MAX_ALLOCATION = new BigDecimal("1.05");

    @Override
    public void process(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        exchange.setProperty(JSON, body);
        String id = usableId(body.get("signal_id"));
        exchange.setProperty(KEY, id != null ? id : "body:" + sha256(body.toString()));
        try {
            exchange.getMessage().setBody(validate(body, id));
        } catch (Invalid e) {
            exchange.getMessage().setBody(new RejectedSignal(id, e.getMessage()));
        }
    }

    Signal validate(JsonNode body, String id) {
        JsonNode rawId = body.get("signal_id");
        if (rawId == null || rawId.isNull()) {
            throw new Invalid("signal_id is required");
        }
        if (id == null) {
            throw new Invalid("signal_id must be non-empty text of at most " + MAX_ID_LENGTH + " characters");
        }
        if (Signal.INITIAL_SYNC_ID.equals(id)) {
            throw new Invalid("signal_id 'initial_sync' is reserved");
        }
        int version = version(body.get("version"));
        BigDecimal confidence = optionalFraction(body.get("confidence"), "confidence");
        String reasoning = optionalText(body.get("reasoning"), "reasoning");
        List<Signal.Action> actions = actions(body.get("actions"));
        List<Signal.TargetPosition> state = portfolioState(body.get("portfolio_state"), version);
        return new Signal(id, version, confidence, reasoning, actions, state, update(body.get("update")));
    }

    private static int version(JsonNode node) {
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new Invalid("version must be a whole number of at least 1");
        }
        return node.intValue();
    }

    private static List<Signal.Action> actions(JsonNode node) {
        List<Signal.Action> actions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return actions;
        }
        if (!node.isArray()) {
            throw new Invalid("actions must be an array");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String where = "actions[" + i + "]";
            if (!entry.isObject()) {
                throw new Invalid(where + " must be an object");
            }
            String action = text(entry.get("action"));
            if ("HOLD".equals(action)) {
                continue; // un HOLD ne fait rien, quels que soient sa paire et son montant
            }
            if (!"BUY".equals(action) && !"SELL".equals(action)) {
                throw new Invalid(where + ".action must be BUY, SELL or HOLD");
            }
            String coin = trackedCoin(entry.get("coin"), where);
            BigDecimal pct = fraction(entry.get("pct_of_capital"), where + ".pct_of_capital");
            actions.add(new Signal.Action(coin, action, pct));
        }
        return actions;
    }

    private static List<Signal.TargetPosition> portfolioState(JsonNode node, int version) {
        if (node == null || node.isNull()) {
            if (version >= 2) {
                throw new Invalid("portfolio_state is required for version " + version);
            }
            return null;
        }
        JsonNode positions = node.isObject() ? node.get("positions") : null;
        if (positions == null || !positions.isArray()) {
            throw new Invalid("portfolio_state.positions must be an array");
        }
        List<Signal.TargetPosition> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < positions.size(); i++) {
            JsonNode entry = positions.get(i);
            String where = "portfolio_state.positions[" + i + "]";
            if (!entry.isObject()) {
                throw new Invalid(where + " must be an object");
            }
            String coin = trackedCoin(entry.get("coin"), where);
            if (!seen.add(coin)) {
                throw new Invalid(where + ".coin " + coin + " is listed twice");
            }
            BigDecimal pct = fraction(entry.get("pct_of_portfolio"), where + ".pct_of_portfolio");
            sum = sum.add(pct);
            targets.add(new Signal.TargetPosition(coin, pct));
        }
        if (sum.compareTo(MAX_ALLOCATION) > 0) {
            throw new Invalid("portfolio_state.positions add up to " + sum.toPlainString() + ", more than 1.05");
        }
        return targets;
    }

    /**
     * Un champ update mal formé est ignoré : il ne doit pas faire rejeter un signal de trading valide.
     * Lu aussi dans une réponse rejetée pour une autre règle (leader-protocol.md, « Update requests »).
     */
    public static Signal.UpdateRequest update(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("required").isBoolean()) {
            return null;
        }
        JsonNode latest = node.get("latest_version");
        String version = latest != null && latest.isValueNode() && !latest.isNull() ? latest.asText() : null;
        return new Signal.UpdateRequest(node.get("required").booleanValue(), version);
    }

    private static String trackedCoin(JsonNode node, String where) {
        String coin = text(node);
        if (coin == null || !TrackedPairs.isTracked(coin)) {
            throw new Invalid(where + ".coin must be one of " + String.join(", ", TrackedPairs.ALL));
        }
        return coin;
    }

    private static BigDecimal optionalFraction(JsonNode node, String name) {
        return node == null || node.isNull() ? null : fraction(node, name);
    }

    /** Un nombre JSON (pas du texte), fini, entre 0 et 1. */
    private static BigDecimal fraction(JsonNode node, String name) {
        if (node == null || !node.isNumber()) {
            throw new Invalid(name + " must be a number from 0 to 1");
        }
        // NaN et ±Infinity (lus pour être rejetés) : NumericNode.isNaN() les couvre, sans passer par un double
        if (((NumericNode) node).isNaN()) {
            throw new Invalid(name + " must be a finite number from 0 to 1");
        }
        // borné par l'exposant avant toute comparaison : 1E+999999999 est refusé, 1e-100000000 compte pour 0
        BigDecimal raw = node.decimalValue();
        BigDecimal value = raw.signum() < 0 ? null : BoundedNumbers.treated(raw);
        if (value == null || value.compareTo(BigDecimal.ONE) > 0) {
            throw new Invalid(name + " must be from 0 to 1, got " + raw);
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(name + " must be text");
        }
        return node.textValue();
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String usableId(JsonNode node) {
        String id = text(node);
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return id;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Une règle enfreinte ; le message est la raison enregistrée. */
    static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
