package com.calvalot.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.money.Money;

/**
 * GET /api/budget/withdrawals?limit=N : les retraits, du plus récent au plus ancien (50 par défaut,
 * 200 au plus, comme le suiveur d'origine), et les totaux de TOUS les retraits en USDC et en EUR.
 */
public class WithdrawalsEndpoint implements Processor {

    private final Sql sql;

    public WithdrawalsEndpoint(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void process(Exchange exchange) {
        int limit = QueryParams.limit(exchange, 50, 200);
        List<Map<String, Object>> withdrawals = sql.list("SELECT id, amount_eur_requested, amount_usdt_sold, "
                + "amount_eur_received, eurusdc_rate, positions_sold, status, is_simulated, created_at, asset, quantity FROM withdrawals "
                + "ORDER BY created_at DESC, id DESC LIMIT ?", rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("amount_eur_requested", Rows.money(rs, "amount_eur_requested"));
                    row.put("amount_usdt_sold", Rows.money(rs, "amount_usdt_sold"));
                    row.put("amount_eur_received", Rows.money(rs, "amount_eur_received"));
                    row.put("eurusdc_rate", Rows.money(rs, "eurusdc_rate"));
                    row.put("positions_sold", Rows.json(rs, "positions_sold", Json.MAPPER.createArrayNode()));
                    row.put("status", rs.getString("status"));
                    row.put("is_simulated", rs.getInt("is_simulated"));
                    row.put("created_at", rs.getString("created_at"));
                    row.put("asset", rs.getString("asset"));
                    row.put("quantity", Rows.money(rs, "quantity"));
                    return row;
                }, limit);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("withdrawals", withdrawals);
        answer.put("total_usdt", Money.forJson(sum("amount_usdt_sold")));
        answer.put("total_eur", Money.forJson(sum("amount_eur_received")));
        JsonResponses.write(exchange, 200, answer);
    }

    /** Somme exacte en Java : SUM() de SQLite passerait par des REAL. */
    private BigDecimal sum(String column) {
        return sql.list("SELECT " + column + " FROM withdrawals", rs -> Money.fromDb(rs.getString(1))).stream()
                .filter(v -> v != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
