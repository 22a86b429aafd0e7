package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.json.BoundedNumbers;
import com.calvalot.json.Json;
import com.calvalot.signal.Signal;
import com.fasterxml.jackson.databind.JsonNode;

/** Relit un signal enregistré mais jamais planifié (le processus est mort entre les deux). */
final class SignalRows {

    private SignalRows() {
    }

    static Signal read(Sql sql, String signalId) {
        // la confiance ne sert pas à trader : elle n'est pas relue (une ligne ancienne peut la porter développée)
        return sql.one("SELECT version, reasoning, actions, portfolio_state FROM signals WHERE signal_id = ?",
                rs -> of(signalId, rs.getObject(1) == null ? 1 : rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)), signalId);
    }

    /** Un signal tel que ses colonnes le gardent (actions et portfolio_state en JSON). */
    static Signal of(String signalId, int version, String reasoning, String actionsJson, String portfolioStateJson) {
        return new Signal(signalId, version, null, reasoning, actions(actionsJson), positions(portfolioStateJson), null);
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

    /** Une part stockée ; bornée (BoundedNumbers), 0 si elle n'est pas un nombre (une entrée HOLD). */
    private static BigDecimal decimal(JsonNode node, String wire, String java) {
        JsonNode value = node.has(wire) ? node.get(wire) : node.path(java);
        BigDecimal treated = null;
        if (value.isNumber() && !value.isDouble()) {
            treated = BoundedNumbers.treated(value.decimalValue());
        } else if (value.isTextual() && value.textValue().length() <= 64) {
            try {
                treated = BoundedNumbers.treated(new BigDecimal(value.textValue()));
            } catch (NumberFormatException e) {
                treated = null;
            }
        }
        return treated == null ? BigDecimal.ZERO : treated;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json == null ? "[]" : json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable stored signal", e);
        }
    }
}
