package com.calvalot.takeover;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Le SEUL endroit du projet où passe un double :
 * les colonnes REAL de la base reprise (Python), lues une fois et rendues en décimal exact.
 * On garde le décimal le plus court qui se relit en le même double
 * (49.47, jamais 49.4699999999999989), celui que Python affichait.
 */
final class RealToDecimal {

    /** 17 chiffres significatifs suffisent toujours à retrouver un double IEEE 754. */
    private static final int MAX_DIGITS = 17;

    private RealToDecimal() {
    }

    /** La colonne REAL en décimal exact ; null si elle est NULL ou n'est pas un nombre. */
    static BigDecimal read(ResultSet rs, String column) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Number)) {
            throw new NumberFormatException(column + " holds " + describe(raw) + ", not a number");
        }
        return shortest(rs.getDouble(column));
    }

    /**
     * Le décimal au moins de chiffres significatifs qui se relit en {@code real} ; à égalité, le plus
     * proche. Pour chaque nombre de chiffres on essaie les deux voisins (par défaut et par excès) :
     * si un décimal de ce nombre de chiffres se relit en {@code real}, l'un d'eux aussi.
     */
    static BigDecimal shortest(double real) {
        if (Double.isNaN(real) || Double.isInfinite(real)) {
            throw new NumberFormatException("is not a finite number");
        }
        if (real == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(real);
        for (int digits = 1; digits <= MAX_DIGITS; digits++) {
            BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
            boolean downReadsBack = down.doubleValue() == real;
            boolean upReadsBack = up.doubleValue() == real;
            if (downReadsBack && upReadsBack) {
                return exact.subtract(down).abs().compareTo(up.subtract(exact).abs()) <= 0 ? plain(down) : plain(up);
            }
            if (downReadsBack || upReadsBack) {
                return plain(downReadsBack ? down : up);
            }
        }
        return plain(exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN)));
    }

    private static BigDecimal plain(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String describe(Object raw) {
        String text = String.valueOf(raw);
        return "'" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'";
    }
}
