package com.calvalot.takeover;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Une ligne de l'ancienne base, lue colonne par colonne dans notre forme : l'argent en décimal
 * exact, les dates naïves UTC « YYYY-MM-DD HH:MM:SS » en ISO-8601 avec Z. Une valeur illisible
 * arrête la reprise en nommant la table, la ligne et la colonne.
 */
final class OriginalRow {

    private static final DateTimeFormatter ORIGINAL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private final ResultSet rs;
    private final String table;
    private final String keyColumn;

    OriginalRow(ResultSet rs, String table, String keyColumn) {
        this.rs = rs;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /** Un montant obligatoire, en texte exact pour notre base. */
    String money(String column) throws SQLException {
        String value = moneyOrNull(column);
        if (value == null) {
            throw unreadable(column, "is empty");
        }
        return value;
    }

    String moneyOrNull(String column) throws SQLException {
        BigDecimal value = decimalOrNull(column);
        return value == null ? null : Money.toDb(value);
    }

    BigDecimal decimalOrNull(String column) throws SQLException {
        try {
            return RealToDecimal.read(rs, column);
        } catch (NumberFormatException e) {
            String reason = e.getMessage();
            throw unreadable(column, reason.startsWith(column + " ") ? reason.substring(column.length() + 1) : reason);
        }
    }

    String time(String column) throws SQLException {
        String value = timeOrNull(column);
        if (value == null) {
            throw unreadable(column, "is empty");
        }
        return value;
    }

    String timeOrNull(String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.format(LocalDateTime.parse(text, ORIGINAL_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw unreadable(column, "holds '" + shorten(text) + "', not a YYYY-MM-DD HH:MM:SS time");
        }
    }

    String text(String column) throws SQLException {
        return rs.getString(column);
    }

    String requiredText(String column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            throw unreadable(column, "is empty");
        }
        return value;
    }

    /** 0/1 ; {@code ifNull} quand la colonne est vide (la valeur par défaut de l'ancien schéma). */
    int flag(String column, int ifNull) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return ifNull;
        }
        if (!(raw instanceof Number number)) {
            throw unreadable(column, "holds '" + shorten(String.valueOf(raw)) + "', not 0 or 1");
        }
        return number.longValue() != 0 ? 1 : 0;
    }

    Object key() throws SQLException {
        return rs.getObject(keyColumn);
    }

    TakeoverException unreadable(String column, String what) throws SQLException {
        return new TakeoverException("row " + keyColumn + "=" + shorten(String.valueOf(key())) + " of " + table + ": "
                + column + " " + what);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
