package com.calvalot.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Les REAL de l'ancien suiveur en décimal : le plus court qui se relit en le même double, comme Python l'affiche. */
class RealToDecimalTest {

    @Test
    void aRealBecomesWhatPythonPrinted() {
        assertEquals("49.47", text(49.47));
        assertEquals("0.04947", text(49.47 * 0.001));
        assertEquals("0.30000000000000004", text(0.1 + 0.2));
        assertEquals("33.33333333333333", text(1 / 3.0 * 100));
        assertEquals("100", text(1000 * 0.1));
        assertEquals("0.00000001", text(1e-8));
        assertEquals("-54.1", text(-54.1));
        assertEquals("0", text(0.0));
        // Double.toString de Java 17 donne 1.9999999999999998E23 pour ce double ; le plus court est 2E23
        assertEquals("200000000000000000000000", text(2e23));
    }

    @Test
    void everyResultReadsBackAsTheSameRealAndNoShorterDecimalDoes() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            double real = switch (i % 3) {
                case 0 -> random.nextDouble() * 100_000;
                case 1 -> Math.round(random.nextDouble() * 1_000_000) / 100.0 * 0.001;
                default -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
            };
            BigDecimal decimal = RealToDecimal.shortest(real);
            assertEquals(real, decimal.doubleValue(), "reads back: " + real);
            int digits = decimal.stripTrailingZeros().precision();
            if (digits > 1) {
                BigDecimal exact = new BigDecimal(real);
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
                    assertNotEquals(real, exact.round(new MathContext(digits - 1, mode)).doubleValue(), "shorter exists: " + real);
                }
            }
        }
    }

    @Test
    void notANumberIsRefused() {
        assertThrows(NumberFormatException.class, () -> RealToDecimal.shortest(Double.NaN));
        assertThrows(NumberFormatException.class, () -> RealToDecimal.shortest(Double.POSITIVE_INFINITY));
    }

    private static String text(double real) {
        return RealToDecimal.shortest(real).toPlainString();
    }
}
