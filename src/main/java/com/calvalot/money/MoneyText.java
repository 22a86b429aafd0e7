package com.calvalot.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Les montants des messages (Telegram, résumé du jour, alertes ; docs/telegram.md, « How figures are
 * written ») : « 1 234.56 € », « +12.34 € », « 1 234.56 USDC », « +1.25 % » ; « — » pour une valeur inconnue.
 * Un message n'a pas de locale (le bot ne sait pas dans quelle langue le téléphone lit) : le point décimal,
 * que tout lecteur lit comme tel (et que l'API, le CSV et le journal emploient), et une espace fine
 * insécable entre les milliers (la règle SI/ISO 80000) : une virgule voudrait dire « milliers » pour les
 * uns et « décimales » pour les autres, une espace jamais. Le tableau de bord, lui, suit la locale du navigateur.
 */
public final class MoneyText {

    public static final String UNKNOWN = "—";
    private static final char THIN_SPACE = '\u202f';
    private static final char NO_BREAK_SPACE = '\u00a0';

    private MoneyText() {
    }

    public static String eur(BigDecimal amount) {
        return amount == null ? UNKNOWN : number(amount, 2, 2, false) + NO_BREAK_SPACE + "€";
    }

    public static String signedEur(BigDecimal amount) {
        return amount == null ? UNKNOWN : number(amount, 2, 2, true) + NO_BREAK_SPACE + "€";
    }

    public static String usdc(BigDecimal amount) {
        return amount == null ? UNKNOWN : number(amount, 2, 2, false) + " USDC";
    }

    public static String signedUsdc(BigDecimal amount) {
        return amount == null ? UNKNOWN : number(amount, 2, 2, true) + " USDC";
    }

    /** L'API donne les pourcentages en points (12.5 veut dire 12.5 %). */
    public static String pctPoints(BigDecimal points) {
        return points == null ? UNKNOWN : number(points, 2, 2, true) + THIN_SPACE + "%";
    }

    /** Un prix : deux décimales au-dessus de 100, davantage pour XRP et consorts. */
    public static String price(BigDecimal price) {
        return price == null ? UNKNOWN : number(price, 2, price.abs().compareTo(BigDecimal.valueOf(100)) >= 0 ? 2 : 6, false);
    }

    public static String quantity(BigDecimal quantity) {
        return quantity == null ? UNKNOWN : number(quantity, 0, 8, false);
    }

    /** Au plus proche, moitié vers le haut (comme Intl, « half expand ») ; le signe « + » sauf pour zéro. */
    private static String number(BigDecimal value, int minDecimals, int maxDecimals, boolean signed) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(THIN_SPACE);
        symbols.setDecimalSeparator('.');
        symbols.setMinusSign('-');
        DecimalFormat format = new DecimalFormat("#,##0", symbols);
        format.setMinimumFractionDigits(minDecimals);
        format.setMaximumFractionDigits(maxDecimals);
        format.setRoundingMode(RoundingMode.HALF_UP);
        String text = format.format(value);
        boolean zero = value.setScale(maxDecimals, RoundingMode.HALF_UP).signum() == 0;
        if (zero) {
            // -0.001 € s'écrit 0.00 €, comme Intl (signDisplay « exceptZero »)
            return text.startsWith("-") ? text.substring(1) : text;
        }
        return signed && value.signum() > 0 ? "+" + text : text;
    }
}
