package com.calvalot.api;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.calvalot.json.BoundedNumbers;
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

    /**
     * Un nombre stocké en texte (confiance…), null si absent, illisible ou hors bornes ; minuscule, 0.
     * La requête ne doit lire que des textes courts (voir {@link #SHORT_TEXT}) : une ligne écrite par une
     * version plus ancienne peut contenir 1e-100000000 développé en 100 millions de caractères.
     */
    static BigDecimal number(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        try {
            BigDecimal value = text == null ? null : BoundedNumbers.treated(new BigDecimal(text.trim()));
            return value == null ? null : Money.plain(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Longueur au-delà de laquelle un nombre stocké en texte n'est pas lu (la limite du lecteur JSON). */
    static final int SHORT_TEXT = 64;

    /** L'expression SQL qui ne lit la colonne que si elle est courte : {@code CASE WHEN length(c) <= 64 …}. */
    static String shortText(String column) {
        return "CASE WHEN length(" + column + ") <= " + SHORT_TEXT + " THEN " + column + " END AS " + column;
    }

    /** Du JSON stocké en texte, relu tel quel ; {@code fallback} s'il est absent ou illisible. */
    static JsonNode json(ResultSet rs, String column, JsonNode fallback) throws SQLException {
        String text = rs.getString(column);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            JsonNode node = BoundedNumbers.bounded(Json.MAPPER.readTree(text));
            return node == null ? fallback : node;
        } catch (Exception e) {
            return fallback;
        }
    }
}
