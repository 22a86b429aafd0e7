package com.calvalot.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.calvalot.signal.TrackedPairs;

/**
 * Les limites de risque (configuration.md) : LIVE_SIZING, MAX_ORDER_USDC, EXCLUDE_COINS,
 * PAUSE_ON_DRAWDOWN_PCT. Toutes éteintes par défaut ; une valeur invalide arrête le démarrage
 * avec une ligne qui nomme la variable.
 */
public record RiskSettings(boolean budgetSizing, BigDecimal maxOrderUsdc, List<String> excludedPairs,
                           BigDecimal pauseOnDrawdownPct) {

    public static final RiskSettings NONE = new RiskSettings(false, null, List.of(), null);

    public RiskSettings {
        excludedPairs = List.copyOf(excludedPairs);
    }

    static RiskSettings from(SettingsReader in) {
        String sizing = in.text("LIVE_SIZING");
        boolean budget;
        if (sizing == null || sizing.equals("wallet")) {
            budget = false;
        } else if (sizing.equals("budget")) {
            budget = true;
        } else {
            throw new SettingsException(in.where("LIVE_SIZING") + " must be wallet or budget, got '" + sizing + "'");
        }
        BigDecimal cap = decimal(in, "MAX_ORDER_USDC");
        if (cap != null && cap.signum() <= 0) {
            throw new SettingsException(in.where("MAX_ORDER_USDC") + " must be a number of USDC greater than 0 (or empty for no cap), got '"
                    + in.text("MAX_ORDER_USDC") + "'");
        }
        BigDecimal drawdown = decimal(in, "PAUSE_ON_DRAWDOWN_PCT");
        if (drawdown != null && (drawdown.signum() < 0 || drawdown.compareTo(BigDecimal.ONE) > 0)) {
            throw new SettingsException(in.where("PAUSE_ON_DRAWDOWN_PCT") + " must be a fraction from 0 to 1 (0.2 = 20 %) or empty, got '"
                    + in.text("PAUSE_ON_DRAWDOWN_PCT") + "'");
        }
        return new RiskSettings(budget, cap, pairs(in), drawdown);
    }

    public boolean excluded(String pair) {
        return excludedPairs.contains(pair);
    }

    /** Une liste de paires suivies, séparées par des virgules ; une paire inconnue est refusée. */
    private static List<String> pairs(SettingsReader in) {
        String value = in.text("EXCLUDE_COINS");
        List<String> pairs = new ArrayList<>();
        if (value == null) {
            return pairs;
        }
        for (String part : value.split(",")) {
            String pair = part.trim().toUpperCase(Locale.ROOT);
            if (pair.isEmpty()) {
                continue;
            }
            if (!TrackedPairs.isTracked(pair)) {
                throw new SettingsException(in.where("EXCLUDE_COINS") + " must list tracked pairs among " + String.join(", ", TrackedPairs.ALL)
                        + ", got '" + part.trim() + "'");
            }
            if (!pairs.contains(pair)) {
                pairs.add(pair);
            }
        }
        return pairs;
    }

    private static BigDecimal decimal(SettingsReader in, String name) {
        String value = in.text(name);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal parsed = new BigDecimal(value);
            if (SettingsReader.sized(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // message commun ci-dessous
        }
        throw new SettingsException(in.where(name) + " must be a number, got '" + value + "'");
    }
}
