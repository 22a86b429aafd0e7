package com.calvalot.takeover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * Ce qui se trouve à DB_PATH, lu sans rien y écrire (connexion en lecture seule) : rien, notre base,
 * ou celle de l'ancien suiveur. Toute autre chose arrête le démarrage par une ligne qui dit ce qui a
 * été trouvé ; le fichier n'est pas touché.
 */
final class DatabaseInspector {

    enum Kind { NEW, OURS, ORIGINAL }

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabaseInspector() {
    }

    static Kind inspect(Path db) {
        try {
            if (!Files.exists(db) || Files.size(db) == 0) {
                return Kind.NEW;
            }
            if (!startsWithSqliteHeader(db)) {
                throw refused(db, "is not a SQLite database");
            }
        } catch (IOException e) {
            throw new TakeoverException("cannot read DB_PATH (" + db + "): " + e.getMessage());
        }
        try (Connection connection = readOnly(db).getConnection()) {
            int userVersion = userVersion(connection);
            Map<String, Map<String, String>> tables = tables(connection);
            if (userVersion > 0) {
                if (tables.containsKey("agent_state")) {
                    return Kind.OURS;
                }
                throw refused(db, "holds a SQLite database of another program (schema version " + userVersion
                        + ", tables: " + names(tables) + ")");
            }
            if (tables.isEmpty()) {
                return Kind.NEW;
            }
            if (!OriginalSchema.looksOriginal(tables.keySet())) {
                throw refused(db, "holds a SQLite database that is neither Calv-a-lot's nor the original follower's (tables: "
                        + names(tables) + ")");
            }
            List<String> differences = OriginalSchema.differences(tables);
            if (!differences.isEmpty()) {
                throw refused(db, "looks like the original follower's database but its shape is unknown ("
                        + String.join("; ", differences) + ")");
            }
            return Kind.ORIGINAL;
        } catch (SQLException e) {
            throw refused(db, "cannot be read as a database: " + plainReason(e));
        }
    }

    /**
     * En lecture seule, sauf quand un journal « -journal » attend à côté (reprise tuée en mode
     * rollback) : seule une connexion en écriture le rejoue, ce qui rend justement le fichier d'origine.
     */
    static SQLiteDataSource readOnly(Path db) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(!Files.exists(db.resolveSibling(db.getFileName() + "-journal")));
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + db.toAbsolutePath());
        return dataSource;
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Table → (colonne → type déclaré), hors tables internes de SQLite. */
    private static Map<String, Map<String, String>> tables(Connection connection) throws SQLException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) {
                tables.put(rs.getString(1), new LinkedHashMap<>());
            }
        }
        for (Map.Entry<String, Map<String, String>> table : tables.entrySet()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA table_info(\"" + table.getKey().replace("\"", "\"\"") + "\")")) {
                while (rs.next()) {
                    table.getValue().put(rs.getString("name"), rs.getString("type"));
                }
            }
        }
        return tables;
    }

    private static boolean startsWithSqliteHeader(Path db) throws IOException {
        try (InputStream in = Files.newInputStream(db)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        }
    }

    private static String names(Map<String, ?> tables) {
        List<String> names = List.copyOf(tables.keySet());
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + " and " + (names.size() - 8) + " more";
    }

    private static TakeoverException refused(Path db, String what) {
        return new TakeoverException("DB_PATH (" + db + ") " + what + "; it was left untouched");
    }

    /** Une raison lisible, jamais l'erreur SQL brute (code primaire de SQLite : les 8 bits bas). */
    static String plainReason(SQLException e) {
        SQLiteErrorCode code = e instanceof org.sqlite.SQLiteException sqlite ? sqlite.getResultCode() : null;
        int primary = code == null ? -1 : code.code & 0xFF;
        return switch (primary) {
            case 5, 6 -> "it is in use by another program (is the original follower still running?)";
            case 13 -> "the disk is full";
            case 11, 26 -> "the file is damaged";
            case 3, 8, 14, 23 -> "the file or its folder cannot be written (they must belong to the user the follower runs as)";
            case 10 -> "the disk could not be read or written";
            default -> "SQLite could not use it (code " + primary + ")";
        };
    }
}
