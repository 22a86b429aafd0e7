package com.calvalot.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Migrations versionnées, dans l'ordre, depuis src/main/resources/db/migration.
 * La version atteinte est gardée dans PRAGMA user_version : une base d'une version
 * antérieure est mise à niveau sur place au démarrage.
 */
public final class SchemaMigrations {

    /** Ajouter une migration : un fichier de plus ici, jamais modifier un fichier déjà livré. */
    static final List<String> FILES = List.of(
            "V1__initial_schema.sql",
            "V2__read_indexes.sql",
            "V3__trading.sql",
            "V4__fee_asset.sql",
            "V5__risk_limits.sql",
            "V6__copy_report.sql",
            "V7__ledger_version.sql",
            "V8__shared_account.sql",
            "V9__perfect_copy.sql",
            "V10__bnb_commission_owed.sql",
            "V11__intent.sql",
            "V12__sizing.sql");

    private SchemaMigrations() {
    }

    public static int latestVersion() {
        return FILES.size();
    }

    public static void apply(DataSource dataSource) {
        apply(dataSource, latestVersion());
    }

    /** Applique les migrations jusqu'à {@code targetVersion} (les tests s'arrêtent plus tôt). */
    public static void apply(DataSource dataSource, int targetVersion) {
        try (Connection connection = dataSource.getConnection()) {
            int current = userVersion(connection);
            if (current > latestVersion()) {
                throw new IllegalStateException("the database at DB_PATH was made by a newer Calv-a-lot (schema "
                        + current + ", this release knows " + latestVersion() + ")");
            }
            for (int version = current + 1; version <= targetVersion; version++) {
                applyOne(connection, version);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open or migrate the database at DB_PATH: " + e.getMessage(), e);
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void applyOne(Connection connection, int version) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            run(connection, version);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Les migrations après {@code fromVersion} jusqu'à {@code toVersion}, dans la transaction ouverte
     * par l'appelant, sans la valider : la reprise d'une base de l'ancien suiveur crée le schéma, y
     * verse les données puis applique les migrations suivantes, d'un seul bloc.
     */
    public static void applyWithin(Connection connection, int fromVersion, int toVersion) throws SQLException {
        for (int version = fromVersion + 1; version <= toVersion; version++) {
            run(connection, version);
        }
    }

    private static void run(Connection connection, int version) throws SQLException {
        String sql = read(FILES.get(version - 1));
        try (Statement statement = connection.createStatement()) {
            for (String part : sql.split(";\\s*(\\r?\\n|$)")) {
                String stripped = stripComments(part);
                if (!stripped.isBlank()) {
                    statement.executeUpdate(stripped);
                }
            }
            // user_version fait partie de la même transaction : une migration est entière ou absente
            statement.executeUpdate("PRAGMA user_version = " + version);
        }
    }

    private static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\\r?\\n")) {
            if (!line.trim().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String read(String file) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }
}
