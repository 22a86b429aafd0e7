package com.calvalot.trade;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import com.calvalot.db.Sql;

/**
 * Plusieurs écritures validées ensemble ou pas du tout : un trade, sa position et la fin de son
 * intention ne peuvent pas se séparer, même sous un kill -9.
 */
final class LedgerTransaction {

    private final Connection connection;

    private LedgerTransaction(Connection connection) {
        this.connection = connection;
    }

    static void run(DataSource dataSource, Consumer<LedgerTransaction> work) {
        try (Connection connection = dataSource.getConnection()) {
            // BEGIN IMMEDIATE : le verrou d'écriture est pris d'entrée (et attendu), jamais obtenu en
            // cours de route ; une transaction qui lit puis écrit ne tombe donc pas sur SQLITE_BUSY
            connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                    .setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            connection.setAutoCommit(false);
            try {
                work.accept(new LedgerTransaction(connection));
                connection.commit();
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database transaction failed: " + e.getMessage(), e);
        }
    }

    int update(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }

    <T> List<T> list(String sql, Sql.RowMapper<T> mapper, Object... params) {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("database read failed: " + e.getMessage(), e);
        }
    }

    <T> T one(String sql, Sql.RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
