package com.calvalot.signal;

import java.util.List;

/** Les paires suivies (USDC, MiCA Europe) et la paire de change EUR. */
public final class TrackedPairs {

    public static final List<String> ALL = List.of("BTCUSDC", "ETHUSDC", "BNBUSDC", "SOLUSDC", "XRPUSDC");
    public static final String EURUSDC = "EURUSDC";
    public static final String QUOTE_ASSET = "USDC";
    /** La paire dont l'actif paie les commissions quand « frais en BNB » est actif. */
    public static final String BNB_PAIR = "BNBUSDC";

    private TrackedPairs() {
    }

    public static boolean isTracked(String pair) {
        return ALL.contains(pair);
    }

    /** "BTCUSDC" → "BTC". */
    public static String baseAsset(String pair) {
        return pair.substring(0, pair.length() - QUOTE_ASSET.length());
    }
}
