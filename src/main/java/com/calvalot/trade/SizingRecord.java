package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.calvalot.db.SqlTransaction;
import com.calvalot.exchange.Commission;
import com.calvalot.exchange.FiltersInForce;
import com.calvalot.exchange.SymbolFilters;
import com.calvalot.json.Json;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ce sur quoi un signal a été dimensionné, gardé avec lui (signal_sizing, signals.sizing_id) pour que le conseiller de
 * budget le rejoue à d'autres budgets sans rien relire ni deviner : les prix des paires et le cours
 * EURUSDC, les filtres de la bourse en vigueur (null en dry run : aucun), la commission, ce que le
 * suiveur possédait avant (liquidités, quantités), jusqu'où les dépôts et retraits étaient connus, et
 * si un plan a été fait ({@code planned} faux : la bourse illisible, plus d'USDC, un arrêt au portail) et
 * si la copie parfaite l'a suivi ({@code perfectFollowed} : une fois par signal du leader).
 */
record SizingRecord(Map<String, BigDecimal> prices, BigDecimal eurUsdc, FiltersInForce rules, Commission commission,
                    BigDecimal cash, Map<String, BigDecimal> held, long depositId, long withdrawalId, boolean planned,
                    boolean perfectFollowed) {

    /** Dans la transaction du plan (ou de la copie parfaite) : une écriture de plus sur une ligne déjà touchée. */
    static void record(SqlTransaction tx, String signalId, MarketSnapshot market, BigDecimal cash,
                       Map<String, BigDecimal> held, FiltersInForce rules, Commission commission, boolean planned,
                       boolean perfectFollowed) {
        long[] ids = tx.one("SELECT (SELECT coalesce(max(id), 0) FROM deposits), (SELECT coalesce(max(id), 0) FROM withdrawals)",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)});
        tx.update("INSERT INTO signal_sizing (sizing) VALUES (?)", json(market, cash, held, rules, commission, ids, planned,
                perfectFollowed));
        tx.update("UPDATE signals SET sizing_id = last_insert_rowid() WHERE signal_id = ?", signalId);
    }

    private static String json(MarketSnapshot market, BigDecimal cash, Map<String, BigDecimal> held, FiltersInForce rules,
                               Commission commission, long[] ids, boolean planned, boolean perfectFollowed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prices", plain(market.pricesUsdc()));
        out.put("eurusdc", Money.toDb(market.eurUsdc()));
        if (rules != null) {
            Map<String, Object> filters = new LinkedHashMap<>();
            rules.filters().forEach((pair, f) -> filters.put(pair, filter(f)));
            out.put("filters", filters);
            out.put("untradeable", rules.untradeable());
        }
        out.put("commission", Map.of("rate", Money.toDb(commission.rate()), "on_top", commission.onTop()));
        out.put("cash", Money.toDb(cash));
        out.put("held", plain(held == null ? Map.of() : held));
        out.put("deposit_id", ids[0]);
        out.put("withdrawal_id", ids[1]);
        out.put("planned", planned);
        out.put("perfect_followed", perfectFollowed);
        return Json.write(out);
    }

    private static Map<String, Object> filter(SymbolFilters f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step", Money.toDb(f.stepSize()));
        out.put("min_qty", Money.toDb(f.minQty()));
        out.put("max_qty", Money.toDb(f.maxQty()));
        out.put("min_notional", Money.toDb(f.minNotional()));
        out.put("base_precision", f.baseAssetPrecision());
        out.put("quote_precision", f.quoteAssetPrecision());
        return out;
    }

    private static Map<String, String> plain(Map<String, BigDecimal> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, Money.toDb(value)));
        return out;
    }

    static SizingRecord read(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable signal_sizing row", e);
        }
        FiltersInForce rules = null;
        if (node.has("filters")) {
            Map<String, SymbolFilters> filters = new LinkedHashMap<>();
            node.path("filters").fields().forEachRemaining(f -> filters.put(f.getKey(), filter(f.getKey(), f.getValue())));
            Map<String, String> untradeable = new LinkedHashMap<>();
            node.path("untradeable").fields().forEachRemaining(u -> untradeable.put(u.getKey(), u.getValue().asText()));
            rules = new FiltersInForce(filters, untradeable);
        }
        JsonNode commission = node.path("commission");
        return new SizingRecord(decimals(node.path("prices")), decimal(node.path("eurusdc")), rules,
                new Commission(decimal(commission.path("rate")), commission.path("on_top").asBoolean()),
                decimal(node.path("cash")), decimals(node.path("held")), node.path("deposit_id").asLong(),
                node.path("withdrawal_id").asLong(), node.path("planned").asBoolean(),
                node.path("perfect_followed").asBoolean());
    }

    private static SymbolFilters filter(String pair, JsonNode f) {
        return new SymbolFilters(pair, decimal(f.path("step")), decimal(f.path("min_qty")), decimal(f.path("max_qty")),
                decimal(f.path("min_notional")), f.path("base_precision").asInt(Money.SCALE),
                f.path("quote_precision").asInt(Money.SCALE));
    }

    private static Map<String, BigDecimal> decimals(JsonNode node) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        return out;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : new BigDecimal(node.asText());
    }

    /** Les prix du signal, comme il les a lus. */
    MarketSnapshot market(Instant at) {
        return new MarketSnapshot(prices, eurUsdc, false, at);
    }

    /** La valeur de ce que le suiveur possédait avant le signal, en USDC ; null si ses liquidités étaient inconnues. */
    BigDecimal heldUsdt() {
        if (cash == null) {
            return null;
        }
        BigDecimal total = cash;
        for (var entry : held.entrySet()) {
            BigDecimal price = prices.get(entry.getKey());
            if (price != null) {
                total = total.add(entry.getValue().multiply(price));
            }
        }
        return total;
    }
}
