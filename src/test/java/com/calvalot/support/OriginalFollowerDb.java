package com.calvalot.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Une base de l'ancien suiveur Python, construite comme il la construisait : son schéma documenté
 * (six tables, l'argent en REAL, les dates naïves UTC « YYYY-MM-DD HH:MM:SS », journal WAL), écrit
 * ici comme donnée de test, et des lignes réalistes aux montants flottants (0.1 + 0.2, 49.47 × 0.001).
 * Chaque double écrit est gardé pour comparer ce que la reprise en a fait.
 */
public final class OriginalFollowerDb implements AutoCloseable {

    /** Le schéma de l'ancien suiveur (app/db.py de AlexandreFrancony/Calv-a-lot), colonne pour colonne. */
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE budget (id INTEGER PRIMARY KEY, initial_total_eur REAL NOT NULL, "
                    + "total_deposited_eur REAL NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'ACTIVE', "
                    + "created_at TEXT DEFAULT (datetime('now')), updated_at TEXT DEFAULT (datetime('now')))",
            "CREATE TABLE trades (id INTEGER PRIMARY KEY AUTOINCREMENT, coin TEXT NOT NULL, action TEXT NOT NULL, "
                    + "amount_usdt REAL NOT NULL, price REAL NOT NULL, quantity REAL NOT NULL, fee_usdt REAL DEFAULT 0, "
                    + "signal_id TEXT, is_simulated INTEGER DEFAULT 1, created_at TEXT DEFAULT (datetime('now')))",
            "CREATE TABLE positions (coin TEXT PRIMARY KEY, quantity REAL NOT NULL DEFAULT 0, "
                    + "avg_entry_price REAL NOT NULL DEFAULT 0, total_invested_usdt REAL NOT NULL DEFAULT 0, "
                    + "updated_at TEXT DEFAULT (datetime('now')))",
            "CREATE TABLE signals (id INTEGER PRIMARY KEY AUTOINCREMENT, signal_id TEXT UNIQUE NOT NULL, confidence REAL, "
                    + "reasoning TEXT, actions TEXT NOT NULL, portfolio_state TEXT, status TEXT DEFAULT 'received', "
                    + "error_message TEXT, received_at TEXT DEFAULT (datetime('now')), executed_at TEXT)",
            "CREATE TABLE budget_snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, total_value_eur REAL, "
                    + "portfolio_value_usdt REAL, cash_usdt REAL, created_at TEXT DEFAULT (datetime('now')))",
            "CREATE TABLE withdrawals (id INTEGER PRIMARY KEY AUTOINCREMENT, amount_eur_requested REAL, "
                    + "amount_usdt_sold REAL, amount_eur_received REAL, eurusdc_rate REAL, positions_sold TEXT, "
                    + "status TEXT DEFAULT 'completed', is_simulated INTEGER DEFAULT 1, created_at TEXT DEFAULT (datetime('now')))",
            "CREATE INDEX idx_trades_created_at ON trades(created_at DESC)",
            "CREATE INDEX idx_signals_signal_id ON signals(signal_id)",
            "CREATE INDEX idx_snapshots_created_at ON budget_snapshots(created_at DESC)");

    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Le début du mois repris : il y a 30 jours (l'historique « 1m » de l'API le couvre en entier). */
    public static final LocalDateTime START = LocalDateTime.now(ZoneOffset.UTC).withNano(0).minusDays(30);

    /** Un trade tel qu'écrit, pour les sommes attendues. */
    public record Trade(String signalId, String coin, String action, double amountUsdt, double fee) {
    }

    private final Connection connection;
    private final List<Trade> trades = new ArrayList<>();
    private String lastSignalId;

    private OriginalFollowerDb(Connection connection) {
        this.connection = connection;
    }

    public static OriginalFollowerDb create(Path file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            return new OriginalFollowerDb(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String at(LocalDateTime time) {
        return NAIVE.format(time);
    }

    public OriginalFollowerDb budget(double initialEur, double depositedEur, String status) {
        return sql("INSERT INTO budget (initial_total_eur, total_deposited_eur, status, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)", initialEur, depositedEur, status, at(START), at(START));
    }

    public OriginalFollowerDb signal(String signalId, String status, String actionsJson, String stateJson, LocalDateTime at) {
        lastSignalId = signalId;
        return sql("INSERT INTO signals (signal_id, confidence, reasoning, actions, portfolio_state, status, received_at, "
                + "executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", signalId, 0.7, "leader reasoning for " + signalId,
                actionsJson, stateJson, status, at(at), "executed".equals(status) ? at(at.plusSeconds(3)) : null);
    }

    public OriginalFollowerDb trade(String signalId, String coin, String action, double amountUsdt, double price,
                                    LocalDateTime at) {
        double fee = amountUsdt * 0.001;
        trades.add(new Trade(signalId, coin, action, amountUsdt, fee));
        return sql("INSERT INTO trades (coin, action, amount_usdt, price, quantity, fee_usdt, signal_id, is_simulated, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)", coin, action, amountUsdt, price, amountUsdt / price,
                fee, signalId, at(at));
    }

    public OriginalFollowerDb position(String coin, double quantity, double avgEntryPrice, double investedUsdt) {
        return sql("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)", coin, quantity, avgEntryPrice, investedUsdt, at(START.plusDays(29)));
    }

    /** Un instantané toutes les 2 minutes depuis {@link #START}, comme chaque poll de l'ancien suiveur. */
    public OriginalFollowerDb snapshots(int count) {
        return batch("INSERT INTO budget_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, created_at) "
                + "VALUES (?, ?, ?, ?)", count, (insert, i) -> {
                    double wave = Math.sin(i / 300.0) * 25.3 + i * 0.0031;
                    double portfolio = 620.17 + wave;
                    double cash = 455.83 - i * 0.001;
                    insert.setDouble(1, (portfolio + cash) / 1.08);
                    insert.setDouble(2, portfolio);
                    insert.setDouble(3, cash);
                    insert.setString(4, at(START.plusMinutes(2L * i)));
                });
    }

    /** {@code count} trades de plus sur le mois (un suiveur actif en fait des milliers). */
    public OriginalFollowerDb moreTrades(int count) {
        return batch("INSERT INTO trades (coin, action, amount_usdt, price, quantity, fee_usdt, signal_id, is_simulated, "
                + "created_at) VALUES ('BNBUSDC', ?, ?, 650.3, ?, ?, 'sig-bulk', 1, ?)", count, (insert, i) -> {
                    double amount = 5.0 + (i % 97) * 0.1 + 0.2;
                    String action = i % 2 == 0 ? "BUY" : "SELL";
                    trades.add(new Trade("sig-bulk", "BNBUSDC", action, amount, amount * 0.001));
                    insert.setString(1, action);
                    insert.setDouble(2, amount);
                    insert.setDouble(3, amount / 650.3);
                    insert.setDouble(4, amount * 0.001);
                    insert.setString(5, at(START.plusMinutes(i % 43_000)));
                });
    }

    private interface BatchRow {
        void fill(PreparedStatement insert, int index) throws SQLException;
    }

    private OriginalFollowerDb batch(String sql, int count, BatchRow row) {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                row.fill(insert, i);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public OriginalFollowerDb withdrawal(double requestedEur, double soldUsdt, double receivedEur) {
        return sql("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, "
                + "positions_sold, status, is_simulated, created_at) VALUES (?, ?, ?, NULL, ?, 'completed', 1, ?)",
                requestedEur, soldUsdt, receivedEur, "[]", at(START.plusDays(20)));
    }

    /**
     * Un mois réaliste : budget de 1000 € (1200 déposés), la synchro initiale puis un signal toutes
     * les 8 heures (exécutés, quelques ignorés, un rejeté, une erreur), des trades aux montants
     * flottants, trois positions dont une soldée, un retrait, et {@code snapshots} instantanés.
     */
    public OriginalFollowerDb realisticMonth(int snapshots) {
        budget(1000.0, 1200.0, "ACTIVE");
        signal("initial_sync", "executed", "[]", "{\"positions\": [{\"coin\": \"BTCUSDC\", \"pct_of_portfolio\": 0.3}]}", START);
        trade("initial_sync", "BTCUSDC", "BUY", 0.3 * 1000.0 * 1.08, 97000.1, START);
        trade("initial_sync", "ETHUSDC", "BUY", 49.47, 3500.55, START);
        for (int i = 1; i <= 90; i++) {
            LocalDateTime at = START.plusHours(8L * i);
            String id = String.format("sig-%04d", i);
            String status = i == 45 ? "rejected" : i == 60 ? "error" : i % 10 == 0 ? "skipped" : "executed";
            String actions = "[{\"coin\": \"SOLUSDC\", \"action\": \"" + (i % 2 == 0 ? "SELL" : "BUY")
                    + "\", \"pct_of_capital\": 0.1}]";
            signal(id, status, actions, "null", at);
            if ("executed".equals(status)) {
                double amount = i % 3 == 0 ? 0.1 + 0.2 + 10 : (1000.0 + i) * 0.1 / 3;
                trade(id, "SOLUSDC", i % 2 == 0 ? "SELL" : "BUY", amount, 180.12 + i / 7.0, at.plusSeconds(2));
            }
        }
        position("BTCUSDC", 0.1 + 0.2 - 0.296659, 97000.1, 324.0);
        position("ETHUSDC", 49.47 / 3500.55, 3500.55, 49.47);
        position("SOLUSDC", 0.0, 0.0, 0.0);
        withdrawal(50.0, 54.1, 49.9);
        return snapshots(snapshots);
    }

    public OriginalFollowerDb sql(String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Trade> trades() {
        return trades;
    }

    public String lastSignalId() {
        return lastSignalId;
    }

    /** La somme exacte des doubles écrits, lus comme Python les affichait. */
    public static BigDecimal decimal(double real) {
        return new BigDecimal(Double.toString(real)).stripTrailingZeros();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
