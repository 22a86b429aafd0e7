package com.calvalot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseOfTheFirstSchemaIsUpgradedInPlaceKeepingItsRows() throws Exception {
        Path file = dir.resolve("old.db");
        DataSource firstRelease = Database.dataSource(file);
        SchemaMigrations.apply(firstRelease, 1);
        Sql sql = new Sql(firstRelease);
        sql.update("INSERT INTO trades (signal_id, coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) "
                + "VALUES ('sig-1', 'BTCUSDC', 'BUY', '10.5', '97000.1', '0.00010824', '0.0105', 1, '2026-11-01T10:00:00Z')");

        DataSource upgraded = Database.open(file);

        try (Connection connection = upgraded.getConnection()) {
            assertEquals(SchemaMigrations.latestVersion(), SchemaMigrations.userVersion(connection));
        }
        Sql after = new Sql(upgraded);
        assertEquals("10.5", after.one("SELECT amount_usdt FROM trades WHERE signal_id = 'sig-1'", rs -> rs.getString(1)));
        assertEquals(1, after.list("SELECT name FROM sqlite_master WHERE name = 'idx_snapshots_created_at'",
                rs -> rs.getString(1)).size());
    }

    @Test
    void openingTwiceAppliesNothingTwice() {
        Path file = dir.resolve("twice.db");
        Database.open(file);
        DataSource again = Database.open(file);
        assertTrue(Database.answers(again));
    }

    @Test
    void aDatabaseFromANewerReleaseIsRefused() throws Exception {
        Path file = dir.resolve("newer.db");
        DataSource dataSource = Database.open(file);
        new Sql(dataSource).update("PRAGMA user_version = 999");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Database.open(file));
        assertTrue(refused.getMessage().contains("newer Calv-a-lot"));
    }

    @Test
    void moneyIsNeverStoredAsReal() {
        DataSource dataSource = Database.open(dir.resolve("types.db"));
        Sql sql = new Sql(dataSource);
        var realColumns = sql.list("SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                + "WHERE m.type = 'table' AND upper(p.type) IN ('REAL', 'FLOAT', 'DOUBLE')", rs -> rs.getString(1));
        assertEquals(0, realColumns.size(), realColumns.toString());
    }
}
