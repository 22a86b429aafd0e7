package com.calvalot.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.db.Sql;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;

/**
 * GET /api/positions : chaque position détenue, avec le prix courant, sa valeur et son P&L
 * (null quand le prix n'a jamais pu être lu).
 */
public class PositionsEndpoint implements Processor {


    private final Sql sql;
    private final MarketData marketData;

    public PositionsEndpoint(Sql sql, MarketData marketData) {
        this.sql = sql;
        this.marketData = marketData;
    }

    private record Position(String coin, BigDecimal quantity, BigDecimal avgEntryPrice, BigDecimal investedUsdt,
                            String updatedAt) {
    }

    @Override
    public void process(Exchange exchange) {
        MarketSnapshot market = marketData.latest();
        List<Position> positions = sql.list("SELECT coin, quantity, avg_entry_price, total_invested_usdt, updated_at "
                + "FROM positions ORDER BY coin", rs -> new Position(rs.getString(1), Money.fromDb(rs.getString(2)),
                        Money.fromDb(rs.getString(3)), Money.fromDb(rs.getString(4)), rs.getString(5)));
        List<Map<String, Object>> answer = positions.stream()
                .filter(p -> p.quantity().signum() > 0)
                .map(p -> describe(p, market.price(p.coin())))
                .toList();
        JsonResponses.write(exchange, 200, answer);
    }

    private static Map<String, Object> describe(Position position, BigDecimal price) {
        BigDecimal value = price == null ? null : position.quantity().multiply(price);
        BigDecimal pnl = value == null ? null : value.subtract(position.investedUsdt());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("coin", position.coin());
        row.put("quantity", Money.forJson(position.quantity()));
        row.put("avg_entry_price", Money.forJson(position.avgEntryPrice()));
        row.put("total_invested_usdt", Money.forJson(position.investedUsdt()));
        row.put("current_price", Money.forJson(price));
        row.put("value_usdt", Money.forJson(value));
        row.put("pnl_usdt", Money.forJson(pnl));
        row.put("pnl_pct", pnl == null || position.investedUsdt().signum() <= 0 ? null
                : Money.forJson(Money.percent(pnl, position.investedUsdt())));
        row.put("updated_at", position.updatedAt());
        return row;
    }
}
