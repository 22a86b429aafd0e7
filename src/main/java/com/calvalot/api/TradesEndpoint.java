package com.calvalot.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.db.Sql;

/** GET /api/trades?limit=N : les trades, du plus récent au plus ancien (20 par défaut, 100 au plus). */
public class TradesEndpoint implements Processor {

    private final Sql sql;

    public TradesEndpoint(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void process(Exchange exchange) {
        int limit = QueryParams.limit(exchange, 20, 100);
        List<Map<String, Object>> trades = sql.list("SELECT id, coin, action, amount_usdt, price, quantity, fee_usdt, "
                + "fee_asset, signal_id, is_simulated, created_at FROM trades ORDER BY created_at DESC, id DESC LIMIT ?", rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("coin", rs.getString("coin"));
                    row.put("action", rs.getString("action"));
                    row.put("amount_usdt", Rows.money(rs, "amount_usdt"));
                    row.put("price", Rows.money(rs, "price"));
                    row.put("quantity", Rows.money(rs, "quantity"));
                    row.put("fee_usdt", Rows.money(rs, "fee_usdt"));
                    row.put("fee_asset", rs.getString("fee_asset"));
                    row.put("signal_id", rs.getString("signal_id"));
                    row.put("is_simulated", rs.getInt("is_simulated"));
                    row.put("created_at", rs.getString("created_at"));
                    return row;
                }, limit);
        JsonResponses.write(exchange, 200, trades);
    }
}
