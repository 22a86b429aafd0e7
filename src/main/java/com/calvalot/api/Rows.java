package com.calvalot.api;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/** Lecture des colonnes pour les réponses JSON : montants exacts, JSON stocké relu, entiers nullables. */
final class Rows {

    private Rows() {
    }

    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return Money.forJson(Money.fromDb(rs.getString(column)));
    }

    static Long integer(ResultSet rs, String column) throws SQLException {
        // getObject(column, Long.class) de sqlite-jdbc refuse un NULL
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Un nombre stocké en texte (confiance…), null si absent ou illisible. */
    static BigDecimal number(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        try {
            return text == null ? null : Money.plain(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Du JSON stocké en texte, relu tel quel ; {@code fallback} s'il est absent ou illisible. */
    static JsonNode json(ResultSet rs, String column, JsonNode fallback) throws SQLException {
        String text = rs.getString(column);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node == null ? fallback : node;
        } catch (Exception e) {
            return fallback;
        }
    }
}
