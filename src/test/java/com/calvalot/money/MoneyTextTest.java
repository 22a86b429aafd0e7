package com.calvalot.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/**
 * La règle des messages (docs/telegram.md, « How figures are written ») : point décimal, espace fine
 * insécable entre les milliers, l'unité après ; jamais une virgule, qui se lit milliers ou décimales selon le pays.
 */
class MoneyTextTest {

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void figuresHaveADecimalPointAndThinSpacesBetweenThousands() {
        assertEquals("1\u202f234.56\u00a0€", MoneyText.eur(d("1234.555")));
        assertEquals("+12.30\u00a0€", MoneyText.signedEur(d("12.3")));
        assertEquals("-0.50\u00a0€", MoneyText.signedEur(d("-0.5")));
        assertEquals("0.00\u00a0€", MoneyText.signedEur(d("-0.001")));
        assertEquals("98\u202f000.00 USDC", MoneyText.usdc(d("98000")));
        assertEquals("1\u202f234\u202f567.00 USDC", MoneyText.usdc(d("1234567")));
        assertEquals("-3.21 USDC", MoneyText.signedUsdc(d("-3.205")));
        assertEquals("+1.25\u202f%", MoneyText.pctPoints(d("1.25")));
        assertEquals("97\u202f019.40", MoneyText.price(d("97019.4")));
        assertEquals("95\u202f123.46", MoneyText.price(d("95123.456")));
        assertEquals("0.512346", MoneyText.price(d("0.5123456")));
        assertEquals("0.00123", MoneyText.quantity(d("0.00123000")));
        assertEquals("1\u202f250", MoneyText.quantity(d("1250")));
        assertEquals("—", MoneyText.eur(null));
    }

    /** Aucun message ne contient un nombre écrit avec une virgule : la règle vaut pour tous les montants. */
    @Test
    void noFigureEverHasACommaWhateverTheJvmLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.FRANCE);
            for (String value : new String[] {"0.5", "1234.5678", "-98765432.1", "0.00000001"}) {
                for (String text : new String[] {MoneyText.eur(d(value)), MoneyText.usdc(d(value)), MoneyText.price(d(value)),
                        MoneyText.quantity(d(value)), MoneyText.pctPoints(d(value))}) {
                    assertEquals(-1, text.indexOf(','), text);
                    assertTrue(text.matches("[+-]?\\d{1,3}(\u202f\\d{3})*(\\.\\d+)?( USDC|\u00a0€|\u202f%)?"), text);
                }
            }
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
