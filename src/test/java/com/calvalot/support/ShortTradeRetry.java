package com.calvalot.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * La reprise des signaux inachevés toutes les 300 ms au lieu de quelques secondes, pour une classe de tests
 * ({@code @ExtendWith(ShortTradeRetry.class)}) : une bourse qui répond de nouveau est vue tout de suite.
 */
public final class ShortTradeRetry implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("calvalot.trade.retryMs", "300");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("calvalot.trade.retryMs");
    }
}
