package com.calvalot.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Le seul endroit où l'on arrondit de l'argent. Montants en USDC sauf si le nom dit EUR.
 * Personne n'appelle setScale ailleurs : on passe par ces fonctions.
 */
public final class Money {

    /** Précision interne des montants USDC, des prix et des quantités (8 décimales, comme Binance). */
    public static final int SCALE = 8;
    /** Précision interne des divisions intermédiaires (ratios, cours inverses). */
    private static final int RATIO_SCALE = 16;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    public static final BigDecimal MIN_ORDER_USDC = new BigDecimal("5");
    public static final BigDecimal ANTI_DUST_USDC = new BigDecimal("2.50");
    public static final BigDecimal MIN_BUDGET_EUR = new BigDecimal("5");

    private Money() {
    }

    /** Arrondi d'un montant à 8 décimales, vers le bas (on ne dépense jamais plus que prévu). */
    public static BigDecimal down(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.DOWN);
    }

    /** Arrondi d'un montant affiché ou stocké à 8 décimales, au plus proche. */
    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** Arrondi à deux décimales pour les euros affichés. */
    public static BigDecimal cents(BigDecimal eur) {
        return eur.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Division sûre pour les ratios (parts de portefeuille, cours inverses). */
    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return numerator.divide(denominator, RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Arrondi vers le bas au multiple d'un pas (stepSize, tickSize) ; un pas nul ne change rien. */
    public static BigDecimal floorToStep(BigDecimal value, BigDecimal step) {
        if (step == null || step.signum() == 0) {
            return value;
        }
        return value.divide(step, 0, RoundingMode.DOWN).multiply(step).stripTrailingZeros();
    }

    /** {@code part} en pourcentage de {@code whole}, à deux décimales (P&L en %). */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return cents(ratio(part, whole).multiply(HUNDRED));
    }

    /** USDC → EUR avec le cours EURUSDC (1 EUR = rate USDC). */
    public static BigDecimal usdcToEur(BigDecimal usdc, BigDecimal eurUsdcRate) {
        return round(ratio(usdc, eurUsdcRate));
    }

    /** EUR → USDC avec le cours EURUSDC (1 EUR = rate USDC). */
    public static BigDecimal eurToUsdc(BigDecimal eur, BigDecimal eurUsdcRate) {
        return round(eur.multiply(eurUsdcRate));
    }

    /** Texte stocké en base : exact, sans notation scientifique ni zéros inutiles. */
    public static String toDb(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** Un nombre sans zéros inutiles ni exposant (98000.00000000 → 98000). */
    public static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Relit un montant stocké ; NULL reste null. */
    public static BigDecimal fromDb(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    /** Forme canonique d'un montant pour le JSON : 8 décimales au plus, sans zéros inutiles. */
    public static BigDecimal forJson(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = round(amount).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
