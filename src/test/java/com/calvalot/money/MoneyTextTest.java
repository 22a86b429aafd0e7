package com.calvalot.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Les montants comme format.js les écrit en fr-FR (Intl.NumberFormat). */
class MoneyTextTest {

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void figuresReadLikeTheDashboard() {
        assertEquals("1\u202f234,56\u00a0€", MoneyText.eur(d("1234.555")));
        assertEquals("+12,30\u00a0€", MoneyText.signedEur(d("12.3")));
        assertEquals("-0,50\u00a0€", MoneyText.signedEur(d("-0.5")));
        assertEquals("0,00\u00a0€", MoneyText.signedEur(d("-0.001")));
        assertEquals("98\u202f000,00 USDC", MoneyText.usdc(d("98000")));
        assertEquals("-3,21 USDC", MoneyText.signedUsdc(d("-3.205")));
        assertEquals("+1,25\u202f%", MoneyText.pctPoints(d("1.25")));
        assertEquals("95\u202f123,46", MoneyText.price(d("95123.456")));
        assertEquals("0,512346", MoneyText.price(d("0.5123456")));
        assertEquals("0,00123", MoneyText.quantity(d("0.00123000")));
        assertEquals("—", MoneyText.eur(null));
    }
}
