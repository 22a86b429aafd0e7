package com.calvalot.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import com.calvalot.api.ApiException;
import com.calvalot.db.Sql;

/**
 * GET /api/trades.csv?from=YYYY-MM-DD&to=YYYY-MM-DD : tous les trades de ces jours UTC (bornes
 * incluses, chacune facultative), du plus ancien au plus récent, sans plafond, lus en flux.
 */
public class TradesCsvEndpoint implements Processor {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private final Sql sql;
    private final Clock clock;

    public TradesCsvEndpoint(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        LocalDate from = day(exchange, "from");
        LocalDate to = day(exchange, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badRequest("to must not be before from");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (from != null) {
            where.append(" WHERE created_at >= ?");
            params.add(from + "T00:00:00Z");
        }
        if (to != null) {
            where.append(where.length() == 0 ? " WHERE" : " AND").append(" created_at < ?");
            params.add(to.plusDays(1) + "T00:00:00Z");
        }
        String query = "SELECT created_at, coin, action, quantity, price, amount_usdt, fee_usdt, fee_asset, "
                + "signal_id, client_order_id, is_simulated FROM trades" + where + " ORDER BY created_at, id";
        TradesCsvStream stream = new TradesCsvStream(sql.dataSource(), query, params.toArray());
        Message out = exchange.getMessage();
        if (out instanceof HttpMessage http && http.getResponse() != null) {
            // client parti avant la fin : la connexion SQLite est rendue tout de suite
            http.getResponse().closeHandler(ignored -> stream.close());
        }
        String name = "calvalot-trades-" + (from == null ? "start" : from) + "-"
                + (to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : to) + ".csv";
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        out.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        out.setBody(stream);
    }

    /** Un jour AAAA-MM-JJ strict ; absent ou vide : pas de borne. */
    static LocalDate day(Exchange exchange, String name) {
        Object raw = exchange.getMessage().getHeader(name);
        if (raw == null || raw instanceof String text && text.isEmpty()) {
            return null;
        }
        if (!(raw instanceof String text) || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw ApiException.badRequest(name + " must be a day written YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a day written YYYY-MM-DD");
        }
    }
}
