package com.calvalot.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Petites aides JDBC à paramètres liés, pour les classes dépôt de chaque table : chaque appel sur
 * sa propre connexion, ou plusieurs ensemble dans {@link #inTransaction}.
 */
public final class Sql {

    private final DataSource dataSource;
    private final DiskState disk;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
        this.disk = DiskState.of(dataSource);
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** INSERT/UPDATE/DELETE ; renvoie le nombre de lignes touchées. */
    public int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, params);
        } catch (SQLException e) {
            disk.failed(e);
            throw writeFailed(e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    /** Chaque ligne passée à {@code row} au fil de la lecture, sans liste en mémoire. */
    public void forEach(String sql, RowConsumer row, Object... params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** La première ligne, ou null. */
    public <T> T one(String sql, RowMapper<T> mapper, Object... params) {
        return first(list(sql, mapper, params));
    }

    /** Les écritures de {@code work} validées ensemble, ou aucune. */
    public void inTransaction(Consumer<SqlTransaction> work) {
        SqlTransaction.run(dataSource, disk, tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Idem, en renvoyant ce que {@code work} calcule. */
    public <T> T computeInTransaction(Function<SqlTransaction, T> work) {
        return SqlTransaction.run(dataSource, disk, work);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** L'état du disque de cette base : plein (ou en lecture seule) depuis la dernière écriture refusée. */
    public DiskState disk() {
        return disk;
    }

    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    static <T> T first(List<T> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    static IllegalStateException writeFailed(SQLException e) {
        return new IllegalStateException("database write failed: " + e.getMessage(), e);
    }

    static IllegalStateException readFailed(SQLException e) {
        return new IllegalStateException("database read failed: " + e.getMessage(), e);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
