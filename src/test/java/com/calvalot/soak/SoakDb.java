package com.calvalot.soak;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sqlite.SQLiteConfig;

/**
 * La base du suiveur lue de l'extérieur, par une connexion à part en lecture seule ouverte à chaque
 * lecture : le soak ne voit que ce qu'un autre processus verrait sur le disque (jamais l'état en
 * mémoire du suiveur), et ne retient aucun verrou pendant que le suiveur écrit ou meurt.
 */
final class SoakDb {

    /** Une ligne de trades, telle que le suiveur l'a écrite. */
    record Trade(String signalId, String clientOrderId, String coin, String action, BigDecimal amountUsdt,
                 BigDecimal quantity, BigDecimal feeUsdt, String feeAsset) {
    }

    /** Les client order ids des trades dont la commission en BNB a été payée par la position BNB du suiveur. */
    java.util.Set<String> feesPaidFromBnbPosition() {
        return new java.util.HashSet<>(list("SELECT client_order_id FROM trades WHERE fee_in_position = 1", rs -> rs.getString(1)));
    }

    /** Une intention d'ordre et le signal qui la porte. */
    record Intent(String signalId, String clientOrderId, String coin, String side, String status) {
    }

    /** Un signal : son statut, son message, sa réception (texte ISO-8601). */
    record SignalRow(String signalId, String status, String message, String receivedAt) {
    }

    private final Path file;

    SoakDb(Path file) {
        this.file = file;
    }

    boolean exists() {
        return java.nio.file.Files.exists(file);
    }

    List<Trade> trades() {
        return list("SELECT signal_id, client_order_id, coin, action, amount_usdt, quantity, fee_usdt, fee_asset FROM trades ORDER BY id",
                rs -> new Trade(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), new BigDecimal(rs.getString(5)),
                        new BigDecimal(rs.getString(6)), new BigDecimal(rs.getString(7)), rs.getString(8)));
    }

    List<Intent> intents() {
        return list("SELECT signal_id, client_order_id, coin, side, status FROM order_intents ORDER BY id",
                rs -> new Intent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    List<SignalRow> signals() {
        return list("SELECT signal_id, status, error_message, received_at FROM signals WHERE signal_id IS NOT NULL ORDER BY id",
                rs -> new SignalRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** Les positions du registre (paire → quantité). */
    Map<String, BigDecimal> positions() {
        Map<String, BigDecimal> positions = new HashMap<>();
        for (String[] row : list("SELECT coin, quantity FROM positions", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            positions.put(row[0], new BigDecimal(row[1]));
        }
        return positions;
    }

    /** Les écarts constatés sur une paire (ou l'USDC) : « registre → bourse à l'heure ». */
    List<String> drifts(String coin) {
        return list("SELECT ledger_quantity || ' -> ' || exchange_quantity || ' at ' || created_at FROM position_drift WHERE coin = ? "
                .replace("?", "'" + coin.replace("'", "") + "'") + "ORDER BY id", rs -> rs.getString(1));
    }

    boolean dead() {
        List<Integer> dead = list("SELECT dead FROM agent_state WHERE id = 1", rs -> rs.getInt(1));
        return !dead.isEmpty() && dead.get(0) == 1;
    }

    /** Combien de signaux attendent encore (reçus, en cours) et d'ordres sans réponse finale (sending). */
    int unsettled() {
        List<Integer> n = list("SELECT (SELECT count(*) FROM signals WHERE status IN ('received', 'executing')) "
                + "+ (SELECT count(*) FROM order_intents WHERE status = 'sending')", rs -> rs.getInt(1));
        return n.isEmpty() ? 0 : n.get(0);
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> list(String query, RowReader<T> reader) {
        if (!exists()) {
            return List.of();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            // une base pas encore migrée (premier démarrage) n'a pas encore ses tables
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return List.of();
            }
            throw new IllegalStateException("read-only read of " + file + " failed: " + e.getMessage(), e);
        }
    }
}
