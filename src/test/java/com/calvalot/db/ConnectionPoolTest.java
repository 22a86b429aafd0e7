package com.calvalot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** Les connexions gardées : réutilisées, bornées sans jamais bloquer, rendues propres, lâchées avec leur fichier. */
class ConnectionPoolTest {

    @TempDir
    Path dir;

    @Test
    void aReturnedConnectionIsReusedInAutocommitWithItsTransactionRolledBack() throws Exception {
        Path file = dir.resolve("p.db");
        Database.open(file);
        ConnectionPool pool = new ConnectionPool(Database.dataSource(file), file, 1);
        SQLiteConnection first;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            first = c.unwrap(SQLiteConnection.class);
            s.executeUpdate("CREATE TABLE t (v INTEGER)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t VALUES (1)");
            // rendue sans commit : l'écriture est annulée
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            assertSame(first, c.unwrap(SQLiteConnection.class));
            assertTrue(c.getAutoCommit());
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
        pool.close();
    }

    @Test
    void aSecondConnectionWhileAllAreLentIsOpenedAfterAShortWaitNeverADeadlock() throws Exception {
        Path file = dir.resolve("p.db");
        ConnectionPool pool = new ConnectionPool(Database.dataSource(file), file, 1);
        try (Connection held = pool.getConnection()) {
            long start = System.nanoTime();
            try (Connection extra = pool.getConnection()) {
                assertNotSame(held.unwrap(SQLiteConnection.class), extra.unwrap(SQLiteConnection.class));
            }
            assertTrue((System.nanoTime() - start) / 1_000_000 >= ConnectionPool.WAIT_MS - 5);
        }
        pool.close();
    }

    @Test
    void keptConnectionsAreDroppedWhenTheFileIsGone() throws Exception {
        Path file = dir.resolve("p.db");
        ConnectionPool pool = new ConnectionPool(Database.dataSource(file), file, 2);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (v INTEGER)");
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dir.resolve("p.db" + suffix));
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 't'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a kept connection still saw the deleted file");
        }
        assertFalse(pool.getConnection().isClosed());
        pool.close();
    }
}
