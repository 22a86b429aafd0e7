package com.calvalot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;

/** Les limites de risque : éteintes par défaut, lues telles que configuration.md les décrit, refusées sur une ligne. */
class RiskSettingsTest {

    @TempDir
    Path dir;

    @Test
    void everyLimitIsOffByDefault() {
        RiskSettings risk = Settings.from(Map.of(), "x").risk();
        assertFalse(risk.budgetSizing());
        assertNull(risk.maxOrderUsdc());
        assertEquals(List.of(), risk.excludedPairs());
        assertNull(risk.pauseOnDrawdownPct());
    }

    @Test
    void limitsAreReadAsConfigured() {
        RiskSettings risk = Settings.from(Map.of("LIVE_SIZING", "budget", "MAX_ORDER_USDC", "250.5",
                "EXCLUDE_COINS", "xrpusdc, BNBUSDC,,XRPUSDC", "PAUSE_ON_DRAWDOWN_PCT", "0.25"), "x").risk();
        assertTrue(risk.budgetSizing());
        assertEquals(new BigDecimal("250.5"), risk.maxOrderUsdc());
        assertEquals(List.of("XRPUSDC", "BNBUSDC"), risk.excludedPairs());
        assertEquals(new BigDecimal("0.25"), risk.pauseOnDrawdownPct());
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
        "LIVE_SIZING|all|LIVE_SIZING must be wallet or budget",
        "MAX_ORDER_USDC|-10|MAX_ORDER_USDC must be a number of USDC greater than 0",
        "MAX_ORDER_USDC|0|MAX_ORDER_USDC must be a number of USDC greater than 0",
        "MAX_ORDER_USDC|ten|MAX_ORDER_USDC must be a number",
        "EXCLUDE_COINS|DOGEUSDC|EXCLUDE_COINS must list tracked pairs among BTCUSDC, ETHUSDC, BNBUSDC, SOLUSDC, XRPUSDC",
        "EXCLUDE_COINS|BTC|EXCLUDE_COINS must list tracked pairs",
        "PAUSE_ON_DRAWDOWN_PCT|1.5|PAUSE_ON_DRAWDOWN_PCT must be a fraction from 0 to 1",
        "PAUSE_ON_DRAWDOWN_PCT|-0.1|PAUSE_ON_DRAWDOWN_PCT must be a fraction from 0 to 1",
        "PAUSE_ON_DRAWDOWN_PCT|20%|PAUSE_ON_DRAWDOWN_PCT must be a number",
        "MAX_ORDER_USDC|1e-100000000|MAX_ORDER_USDC must be a number",
        "MAX_ORDER_USDC|1E+999999999|MAX_ORDER_USDC must be a number",
        "PAUSE_ON_DRAWDOWN_PCT|1e-100000000|PAUSE_ON_DRAWDOWN_PCT must be a number",
        "INITIAL_BUDGET_EUR|1E+999999999|INITIAL_BUDGET_EUR must be a number of euros greater than 0",
        "INITIAL_BUDGET_EUR|1e-100000000|INITIAL_BUDGET_EUR must be a number of euros greater than 0",
        "REBALANCE_THRESHOLD_PCT|1e-100000000|REBALANCE_THRESHOLD_PCT must be a fraction from 0 to 1",
    })
    void aBadLimitNamesTheVariableOnOneLine(String name, String value, String expected) {
        SettingsException refused = assertThrows(SettingsException.class, () -> Settings.from(Map.of(name, value), "x"));
        assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void anUnknownExcludedCoinStopsTheRealStartUpWithOneLine() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("EXCLUDE_COINS", "BTCUSDC,DOGEUSDC");
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            assertNotEquals(0, app.waitForExit(Duration.ofSeconds(60)));
            List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), app.stderr());
            assertTrue(lines.get(0).startsWith("calv-a-lot: bad setting: EXCLUDE_COINS must list tracked pairs"), lines.get(0));
        }
        assertFalse(Files.exists(dir.resolve("calvalot.db")), "nothing starts half-configured");
    }
}
