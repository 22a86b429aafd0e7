package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.signal.Signal;
import com.fasterxml.jackson.databind.JsonNode;

/** Relit un signal enregistré mais jamais planifié (le processus est mort entre les deux). */
final class SignalRows {

    private SignalRows() {
    }

    static Signal read(Sql sql, String signalId) {
        return sql.one("SELECT version, confidence, reasoning, actions, portfolio_state FROM signals WHERE signal_id = ?",
                rs -> new Signal(signalId, rs.getObject(1) == null ? 1 : rs.getInt(1),
                        rs.getString(2) == null ? null : new BigDecimal(rs.getString(2)), rs.getString(3),
                        actions(rs.getString(4)), positions(rs.getString(5)), null), signalId);
    }

    private static List<Signal.Action> actions(String json) {
        List<Signal.Action> actions = new ArrayList<>();
        for (JsonNode a : tree(json)) {
            actions.add(new Signal.Action(a.path("coin").asText(), a.path("action").asText(),
                    decimal(a, "pct_of_capital", "pctOfCapital")));
        }
        return actions;
    }

    /** portfolio_state tel que le leader l'envoie ({"positions": [...]}) ou la seule liste. */
    private static List<Signal.TargetPosition> positions(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node = tree(json);
        JsonNode list = node.isArray() ? node : node.path("positions");
        List<Signal.TargetPosition> positions = new ArrayList<>();
        for (JsonNode p : list) {
            positions.add(new Signal.TargetPosition(p.path("coin").asText(), decimal(p, "pct_of_portfolio", "pctOfPortfolio")));
        }
        return positions;
    }

    private static BigDecimal decimal(JsonNode node, String wire, String java) {
        JsonNode value = node.has(wire) ? node.get(wire) : node.path(java);
        return new BigDecimal(value.asText("0"));
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json == null ? "[]" : json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable stored signal", e);
        }
    }
}
