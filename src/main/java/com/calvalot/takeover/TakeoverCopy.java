package com.calvalot.takeover;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

import com.calvalot.leader.SeenSignals;
import com.calvalot.money.Money;

/**
 * Verse chaque table de l'ancien suiveur (renommée {@code original_<table>} le temps de la reprise)
 * dans la nôtre, sur la connexion dont la transaction englobe toute la reprise. Les identifiants
 * sont gardés ; chaque signal_id devient un identifiant déjà vu.
 */
final class TakeoverCopy {

    /** Ce qui a été repris, pour la ligne d'INFO et la suite de la reprise. */
    record Counts(int signals, int executedSignals, String lastSignalAt, int trades, BigDecimal feesUsdt,
                  int positions, int heldPositions, int snapshots, int withdrawals, BigDecimal withdrawnEur) {
    }

    private static final Set<String> KEPT_SIGNAL_STATUSES = Set.of("executed", "skipped", "rejected", "error");
    static final String UNFINISHED_SIGNAL = "left unfinished by the original follower: not executed again";

    private final Connection connection;
    private int signals;
    private int executedSignals;
    private int trades;
    private BigDecimal feesUsdt = BigDecimal.ZERO;
    private int positions;
    private int heldPositions;
    private int snapshots;
    private int withdrawals;
    private BigDecimal withdrawnEur = BigDecimal.ZERO;

    TakeoverCopy(Connection connection) {
        this.connection = connection;
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    Counts all() throws SQLException {
        copySignals();
        copyTrades();
        copyPositions();
        copySnapshots();
        copyWithdrawals();
        return new Counts(signals, executedSignals, lastSignalAt(), trades, feesUsdt, positions, heldPositions,
                snapshots, withdrawals, withdrawnEur);
    }

    /** Les signaux, et leurs identifiants marqués vus. */
    private void copySignals() throws SQLException {
        try (PreparedStatement seen = connection.prepareStatement(
                "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)")) {
            eachRow("signals", "id", "INSERT INTO signals (id, signal_id, confidence, reasoning, actions, portfolio_state, "
                    + "status, error_message, received_at, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (row, insert) -> {
                        String signalId = row.requiredText("signal_id");
                        String status = row.requiredText("status");
                        String message = row.text("error_message");
                        if ("received".equals(status)) {
                            // mort en cours de route chez l'ancien suiveur : des ordres ont pu partir, on ne rejoue rien
                            status = "error";
                            message = UNFINISHED_SIGNAL;
                        } else if (!KEPT_SIGNAL_STATUSES.contains(status)) {
                            throw row.unreadable("status", "is '" + status + "', not a status the original follower writes");
                        }
                        String receivedAt = row.time("received_at");
                        String actions = row.text("actions");
                        bind(insert, row.key(), signalId, row.moneyOrNull("confidence"), row.text("reasoning"),
                                actions == null ? "[]" : actions, jsonOrNull(row.text("portfolio_state")), status, message,
                                receivedAt, row.timeOrNull("executed_at"));
                        bind(seen, SeenSignals.PROCESSOR_NAME, signalId, Timestamp.from(Instant.parse(receivedAt)));
                        executedSignals += "executed".equals(status) ? 1 : 0;
                        signals++;
                    });
        }
    }

    /** Les trades, et la somme des frais en USDC que notre registre retirera du cash. */
    private void copyTrades() throws SQLException {
        eachRow("trades", "id", "INSERT INTO trades (id, signal_id, coin, action, amount_usdt, price, quantity, fee_usdt, "
                + "is_simulated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (row, insert) -> {
                    String action = row.requiredText("action");
                    if (!"BUY".equals(action) && !"SELL".equals(action)) {
                        throw row.unreadable("action", "is '" + action + "', not BUY or SELL");
                    }
                    BigDecimal fee = row.decimalOrNull("fee_usdt");
                    fee = fee == null ? BigDecimal.ZERO : fee;
                    int simulated = row.flag("is_simulated", 1);
                    // les frais que notre registre retire du cash (LedgerPortfolioValuation) : ceux des ventes, et
                    // ceux des achats simulés (un achat réel paie sa commission en pièce achetée ou en BNB)
                    if ("SELL".equals(action) || simulated == 1) {
                        feesUsdt = feesUsdt.add(fee);
                    }
                    bind(insert, row.key(), row.text("signal_id"), row.requiredText("coin"), action, row.money("amount_usdt"),
                            row.money("price"), row.money("quantity"), Money.toDb(fee), simulated, row.time("created_at"));
                    trades++;
                });
    }

    /** Les positions (celles à zéro comprises, comme l'ancien suiveur les gardait). */
    private void copyPositions() throws SQLException {
        eachRow("positions", "coin", "INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, "
                + "updated_at) VALUES (?, ?, ?, ?, ?)", (row, insert) -> {
                    String quantity = row.money("quantity");
                    heldPositions += new BigDecimal(quantity).signum() > 0 ? 1 : 0;
                    bind(insert, row.requiredText("coin"), quantity, row.money("avg_entry_price"),
                            row.money("total_invested_usdt"), row.time("updated_at"));
                    positions++;
                });
    }

    /** L'historique du graphique, sans trou : un mois fait ~21 600 lignes, versées par lots. */
    private void copySnapshots() throws SQLException {
        eachRow("budget_snapshots", "id", "INSERT INTO portfolio_snapshots (id, total_value_eur, portfolio_value_usdt, "
                + "cash_usdt, created_at) VALUES (?, ?, ?, ?, ?)", (row, insert) -> {
                    set(insert, row.key(), row.money("total_value_eur"), row.money("portfolio_value_usdt"),
                            row.money("cash_usdt"), row.time("created_at"));
                    insert.addBatch();
                    if (++snapshots % 1000 == 0) {
                        insert.executeBatch();
                    }
                });
    }

    /** Les retraits, et la somme des EUR reçus. Un cours jamais noté par l'ancien suiveur devient 0. */
    private void copyWithdrawals() throws SQLException {
        eachRow("withdrawals", "id", "INSERT INTO withdrawals (id, amount_eur_requested, amount_usdt_sold, "
                + "amount_eur_received, eurusdc_rate, positions_sold, status, is_simulated, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (row, insert) -> {
                    String received = orZero(row.moneyOrNull("amount_eur_received"));
                    withdrawnEur = withdrawnEur.add(new BigDecimal(received));
                    String sold = jsonOrNull(row.text("positions_sold"));
                    String status = row.text("status");
                    bind(insert, row.key(), orZero(row.moneyOrNull("amount_eur_requested")),
                            orZero(row.moneyOrNull("amount_usdt_sold")), received, orZero(row.moneyOrNull("eurusdc_rate")),
                            sold == null ? "[]" : sold, status == null ? "completed" : status,
                            row.flag("is_simulated", 1), row.time("created_at"));
                    withdrawals++;
                });
    }

    @FunctionalInterface
    private interface RowCopier {
        void copy(OriginalRow row, PreparedStatement insert) throws SQLException;
    }

    /** Chaque ligne de {@code original_<table>}, dans l'ordre de sa clé, versée par {@code copier} ; les lots restants partent à la fin. */
    private void eachRow(String table, String key, String insertSql, RowCopier copier) throws SQLException {
        try (Statement read = connection.createStatement();
             ResultSet rs = read.executeQuery("SELECT * FROM original_" + table + " ORDER BY " + key);
             PreparedStatement insert = connection.prepareStatement(insertSql)) {
            OriginalRow row = new OriginalRow(rs, table, key);
            while (rs.next()) {
                copier.copy(row, insert);
            }
            insert.executeBatch();
        }
    }

    /** Python écrivait json.dumps(None), soit le texte « null », pour une valeur absente. */
    private static String jsonOrNull(String json) {
        return json == null || "null".equals(json.trim()) ? null : json;
    }

    private String lastSignalAt() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT max(received_at) FROM signals")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String orZero(String money) {
        return money == null ? "0" : money;
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        set(statement, values);
        statement.executeUpdate();
    }

    private static void set(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
