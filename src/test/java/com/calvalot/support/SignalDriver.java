package com.calvalot.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.signal.Signal;

/**
 * Fait ce que fera le flux du leader : enregistre le signal (status received) puis l'envoie à
 * direct:execute-signal ; rend l'échange pour lire signalOutcome et tradesPlaced.
 */
public final class SignalDriver {

    private final RunningApp app;
    private final Sql sql;

    public SignalDriver(RunningApp app, Path dbPath) {
        this.app = app;
        this.sql = new Sql(Database.open(dbPath));
    }

    public Sql sql() {
        return sql;
    }

    public Exchange execute(Signal signal) {
        record(sql, signal);
        return app.context().createProducerTemplate().send("direct:execute-signal", e -> e.getMessage().setBody(signal));
    }

    public static void record(Sql sql, Signal signal) {
        sql.update("INSERT INTO signals (signal_id, version, actions, portfolio_state, status, received_at) "
                + "VALUES (?, ?, ?, ?, 'received', ?)", signal.signalId(), signal.version(), actionsJson(signal),
                stateJson(signal), Instant.now().toString());
    }

    private static String actionsJson(Signal signal) {
        List<String> parts = new ArrayList<>();
        for (Signal.Action a : signal.actions()) {
            parts.add("{\"coin\":\"" + a.coin() + "\",\"action\":\"" + a.action() + "\",\"pct_of_capital\":" + a.pctOfCapital() + "}");
        }
        return "[" + String.join(",", parts) + "]";
    }

    private static String stateJson(Signal signal) {
        if (signal.portfolioState() == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Signal.TargetPosition p : signal.portfolioState()) {
            parts.add("{\"coin\":\"" + p.coin() + "\",\"pct_of_portfolio\":" + p.pctOfPortfolio() + "}");
        }
        return "{\"positions\":[" + String.join(",", parts) + "]}";
    }

    public static Signal v1(String id, String... coinActionPct) {
        List<Signal.Action> actions = new ArrayList<>();
        for (int i = 0; i < coinActionPct.length; i += 3) {
            actions.add(new Signal.Action(coinActionPct[i], coinActionPct[i + 1], new BigDecimal(coinActionPct[i + 2])));
        }
        return new Signal(id, 1, null, null, actions, null, null);
    }

    public static Signal v2(String id, String... coinPct) {
        List<Signal.TargetPosition> targets = new ArrayList<>();
        for (int i = 0; i < coinPct.length; i += 2) {
            targets.add(new Signal.TargetPosition(coinPct[i], new BigDecimal(coinPct[i + 1])));
        }
        return new Signal(id, 2, null, null, List.of(), targets, null);
    }

    public String status(String signalId) {
        return sql.one("SELECT status FROM signals WHERE signal_id = ?", rs -> rs.getString(1), signalId);
    }

    public String message(String signalId) {
        return sql.one("SELECT error_message FROM signals WHERE signal_id = ?", rs -> rs.getString(1), signalId);
    }

    public int number(String query) {
        return sql.one(query, rs -> rs.getInt(1));
    }

    public int count(String table) {
        return sql.one("SELECT count(*) FROM " + table, rs -> rs.getInt(1));
    }
}
