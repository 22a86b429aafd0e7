package com.calvalot.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Les délais Binance courts d'une classe de tests live ({@code @ExtendWith(ShortBinanceDelays.class)}) :
 * délai d'appel 1,5 s, recvWindow 1 s, pause de relecture 0,1 s ; les pannes se jouent en secondes,
 * pas en minutes. Rendus à leurs valeurs par défaut après la classe.
 */
public final class ShortBinanceDelays implements BeforeAllCallback, AfterAllCallback {

    private static final String[][] DELAYS = {
        {"calvalot.binance.timeoutMs", "1500"},
        {"calvalot.binance.recvWindowMs", "1000"},
        {"calvalot.binance.lookupPauseMs", "100"},
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        set();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clear();
    }

    /** Pour un seul test (la classe garde alors les délais par défaut). */
    public static void set() {
        for (String[] delay : DELAYS) {
            System.setProperty(delay[0], delay[1]);
        }
    }

    public static void clear() {
        for (String[] delay : DELAYS) {
            System.clearProperty(delay[0]);
        }
    }
}
