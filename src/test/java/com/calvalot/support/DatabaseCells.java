package com.calvalot.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.calvalot.db.Database;

/** Chaque cellule de chaque table d'une base, « table.colonne=valeur », pour y chercher un secret. */
public final class DatabaseCells {

    private DatabaseCells() {
    }

    public static List<String> tables(Path db) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = Database.open(db).getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    public static List<String> all(Path db) throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection connection = Database.open(db).getConnection(); Statement statement = connection.createStatement()) {
            for (String table : tables(db)) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    while (rs.next()) {
                        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                            cells.add(table + "." + rs.getMetaData().getColumnName(c) + "=" + rs.getString(c));
                        }
                    }
                }
            }
        }
        return cells;
    }
}
