package com.calvalot.api;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** Petites aides des tests de l'API : JSON des réponses, accès direct à la base, contenu de toutes les tables. */
public final class ApiClient {

    private ApiClient() {
    }

    static JsonNode json(HttpResponse<String> answer) {
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    public static JsonNode getJson(RunningApp app, String path) {
        HttpResponse<String> answer = app.get(path);
        if (answer.statusCode() != 200) {
            throw new AssertionError(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return json(answer);
    }

    static Sql sql(RunningApp app) {
        return new Sql(dataSource(app.settings().dbPath()));
    }

    static DataSource dataSource(Path dbPath) {
        return Database.open(dbPath);
    }

    /**
     * Chaque cellule de chaque table, « table|colonne|valeur » : pour voir qu'un refus n'a rien changé.
     * Sauf ce que le minuteur de poll écrit de lui-même (dernier poll, instantanés) pendant le test.
     */
    private static final List<String> TIMER_COLUMNS = List.of("last_poll", "last_poll_time");

    static List<String> allCells(RunningApp app) {
        List<String> cells = new ArrayList<>();
        try (Connection connection = dataSource(app.settings().dbPath()).getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            tables.remove("portfolio_snapshots");
            tables.remove("sqlite_sequence");
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int c = 1; c <= columns; c++) {
                            if (TIMER_COLUMNS.contains(rs.getMetaData().getColumnName(c))) {
                                continue;
                            }
                            cells.add(table + "|" + rs.getMetaData().getColumnName(c) + "|" + rs.getString(c));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return cells;
    }
}
