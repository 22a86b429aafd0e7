package com.calvalot.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.node.NullNode;

/** GET /api/signals?limit=N : les signaux reçus, du plus récent au plus ancien (20 par défaut, 100 au plus). */
public class SignalsEndpoint implements Processor {

    private final Sql sql;

    public SignalsEndpoint(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void process(Exchange exchange) {
        int limit = QueryParams.limit(exchange, 20, 100);
        List<Map<String, Object>> signals = sql.list("SELECT id, signal_id, version, " + Rows.shortText("confidence") + ", reasoning, actions, "
                + "portfolio_state, status, error_message, received_at, executed_at, copy_report FROM signals "
                + "ORDER BY received_at DESC, id DESC LIMIT ?", rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("signal_id", rs.getString("signal_id"));
                    row.put("version", Rows.integer(rs, "version"));
                    row.put("confidence", Rows.number(rs, "confidence"));
                    row.put("reasoning", rs.getString("reasoning"));
                    row.put("actions", Rows.json(rs, "actions", Json.MAPPER.createArrayNode()));
                    row.put("portfolio_state", Rows.json(rs, "portfolio_state", NullNode.getInstance()));
                    row.put("status", rs.getString("status"));
                    row.put("error_message", rs.getString("error_message"));
                    row.put("received_at", rs.getString("received_at"));
                    row.put("executed_at", rs.getString("executed_at"));
                    // calculé une fois à la fin du signal (CopyReport) : relu tel quel, jamais recalculé ici
                    row.put("copy", Rows.json(rs, "copy_report", NullNode.getInstance()));
                    return row;
                }, limit);
        JsonResponses.write(exchange, 200, signals);
    }
}
