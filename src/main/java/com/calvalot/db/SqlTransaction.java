package com.calvalot.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Plusieurs écritures validées ensemble ou pas du tout (un trade, sa position et la fin de son
 * intention ; un dépôt et le total déposé), même sous un kill -9. Ouverte par {@link Sql#inTransaction}.
 */
public final class SqlTransaction {

    private final Connection connection;

    private SqlTransaction(Connection connection) {
        this.connection = connection;
    }

    static <T> T run(DataSource dataSource, DiskState disk, Function<SqlTransaction, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            // BEGIN IMMEDIATE : le verrou d'écriture est pris d'entrée (et attendu), jamais obtenu en
            // cours de route ; une transaction qui lit puis écrit ne tombe donc pas sur SQLITE_BUSY
            connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                    .setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new SqlTransaction(connection));
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                disk.failed(e);
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    // SQLITE_FULL a déjà annulé la transaction : l'erreur d'origine est celle qui compte
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        } catch (SQLException e) {
            // le plus souvent au commit : en WAL, c'est là que les pages partent sur le disque
            disk.failed(e);
            throw new IllegalStateException("database transaction failed: " + e.getMessage(), e);
        }
    }

    public int update(String sql, Object... params) {
        try {
            return Sql.update(connection, sql, params);
        } catch (SQLException e) {
            throw Sql.writeFailed(e);
        }
    }

    public <T> List<T> list(String sql, Sql.RowMapper<T> mapper, Object... params) {
        try {
            return Sql.list(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw Sql.readFailed(e);
        }
    }

    /** La première ligne, ou null. */
    public <T> T one(String sql, Sql.RowMapper<T> mapper, Object... params) {
        return Sql.first(list(sql, mapper, params));
    }
}
