package com.calvalot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.DatabaseCopy;

/**
 * {@code copy-database} (scripts/update.sh la lance avant qu'une nouvelle version ne démarre) : une
 * copie complète et vérifiée, en 0600, d'une base qu'elle ne migre pas (une nouvelle image copie la
 * base d'une ancienne telle quelle) ; sans base, rien à copier et pas d'erreur.
 */
class CopyDatabaseCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path db, Path target) {
        return CopyDatabaseCommand.run(Map.of("DB_PATH", db.toString()), target.toString(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void copiesTheDatabaseAsItIsWithoutMigratingIt() throws Exception {
        Path db = dir.resolve("data").resolve("calvalot.db");
        Files.createDirectories(db.getParent());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE trades (id INTEGER PRIMARY KEY, amount TEXT)");
            statement.execute("INSERT INTO trades (amount) VALUES ('12.34567890'), ('0.00000001')");
            statement.execute("PRAGMA user_version = 7");
            Path copy = dir.resolve("data").resolve("before-update.db");

            // une connexion ouverte (le WAL n'est pas reversé dans la base) : la copie a tout quand même
            assertEquals(0, run(db, copy), err.toString());

            assertNull(DatabaseCopy.quickCheck(copy));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
            assertEquals(7, userVersion(copy), "the schema is copied, never migrated");
            assertEquals(7, userVersion(db));
            assertEquals("12.34567890,0.00000001", amounts(copy));
            assertTrue(out.toString().contains("copied to " + copy), out.toString());
        }
    }

    @Test
    void withoutADatabaseThereIsNothingToCopyAndNoError() {
        Path copy = dir.resolve("before-update.db");
        assertEquals(0, run(dir.resolve("calvalot.db"), copy));
        assertFalse(Files.exists(copy));
        assertFalse(Files.exists(dir.resolve("calvalot.db")), "no database is created");
        assertTrue(out.toString().contains("nothing to copy"), out.toString());
    }

    @Test
    void aCopyThatCannotBeWrittenIsOneLineAndAFailure() throws Exception {
        Path db = dir.resolve("calvalot.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            connection.createStatement().execute("CREATE TABLE t (x)");
        }
        Path blocked = dir.resolve("a-file");
        Files.writeString(blocked, "not a folder");
        assertEquals(1, run(db, blocked.resolve("copy.db")));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("calv-a-lot: cannot copy the database: "), err.toString());
    }

    private static int userVersion(Path db) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = connection.createStatement().executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static String amounts(Path db) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = connection.createStatement().executeQuery("SELECT amount FROM trades ORDER BY id")) {
            while (rs.next()) {
                text.append(text.length() == 0 ? "" : ",").append(rs.getString(1));
            }
        }
        return text.toString();
    }
}
