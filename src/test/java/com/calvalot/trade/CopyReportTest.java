package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Le rapport de copie (api.md, {@code copy}) après un vrai signal v2, à travers la route de trading
 * et /api/signals, comparé à des parts calculées à la main depuis les prix de la fausse bourse.
 */
class CopyReportTest {

    static final String KEY = "copy-report-key-0123456789";
    static final String SECRET = "copy-report-secret-9876543210";

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private RunningApp app;
    private SignalDriver driver;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        binance.close();
    }

    private void start(Map<String, String> extra) {
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.putAll(extra);
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
    }

    private JsonNode signal(String signalId) {
        for (JsonNode signal : read(app.get("/api/signals").body())) {
            if (signal.path("signal_id").asText().equals(signalId)) {
                return signal;
            }
        }
        throw new AssertionError("no signal " + signalId);
    }

    /** Une part de l'API, comparée numériquement (0.3 et 0.30000000 sont la même part). */
    private static void assertShare(String expected, JsonNode actual, String what) {
        assertTrue(actual.isNumber(), what + " is a number: " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), what + ": " + actual.decimalValue());
    }

    /**
     * Live, 500 USDC, cible BTC 30 %, ETH 20 %, XRP 0,8 % (base vide : copiée par la synchronisation
     * initiale, le rapport est sur la ligne initial_sync). À la main, aux prix du début (97000,10 ; 3500,55) :
     * BTC 150 USDC → 0,00154 BTC (pas 0,00001) pour 149,380154, commission 0,00000154 BTC → 0,00153846 ;
     * ETH 100 USDC → 0,0285 ETH pour 99,765675, commission 0,0000285 ETH → 0,0284715 ;
     * XRP 15 USDC : paire de EXCLUDE_COINS, ordre écarté avec sa raison. USDC restant 250,854171.
     * Total 250,854171 + 0,00153846 × 97000,10 + 0,0284715 × 3500,55 = 499,750854171 ;
     * BTC 149,228773... / 499,75085417 = 0,29861034 ; ETH 99,666... / 499,75085417 = 0,19943119.
     * Plus grand écart : XRP, 0,03. Coût : les commissions en USDC (0,14938015 + 0,09976568), glissement
     * nul (la fausse bourse exécute au prix lu) = 0,24914583.
     */
    @Test
    void aLiveRebalanceReportsTheSharesItsFillsLeftAndItsCost() {
        FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
        account.setBalance("USDC", "500");
        start(Map.of("TRADING_MODE", "live", "BINANCE_API_KEY", KEY, "BINANCE_API_SECRET", SECRET,
                "EXCLUDE_COINS", "XRPUSDC"));

        driver.execute(SignalDriver.v2("s1", "BTCUSDC", "0.3", "ETHUSDC", "0.2", "XRPUSDC", "0.03"));

        JsonNode sync = signal("initial_sync");
        assertEquals("executed", sync.path("status").asText());
        JsonNode copy = sync.path("copy");
        assertShare("0.3", copy.path("target").path("BTCUSDC"), "BTC target");
        assertShare("0.2", copy.path("target").path("ETHUSDC"), "ETH target");
        assertShare("0.03", copy.path("target").path("XRPUSDC"), "XRP target");
        assertShare("0", copy.path("target").path("BNBUSDC"), "an unlisted pair's target");
        assertShare("0.29861034", copy.path("reached").path("BTCUSDC"), "BTC reached");
        assertShare("0.19943119", copy.path("reached").path("ETHUSDC"), "ETH reached");
        assertShare("0", copy.path("reached").path("XRPUSDC"), "XRP reached");
        assertShare("0.03", copy.path("max_gap"), "max gap");
        assertShare("0.24914583", copy.path("cost_usdt"), "cost");
        assertEquals(0, new BigDecimal("250.854171").compareTo(account.balance("USDC")));
        // la raison de l'ordre écarté, que la page affiche sous le rapport
        assertEquals("XRPUSDC BUY skipped: XRPUSDC is in EXCLUDE_COINS, never traded", sync.path("error_message").asText());
    }

    /**
     * Dry run, 100 EUR = 108 USDC. s0 (v1) achète 54 USDC de BTC à 97019,50002 : 0,00055658 BTC, frais 0,054.
     * s1 (v2) vise BTC 30 %, ETH 20 %, XRP 3 % : vente de 0,00022276 BTC à 96980,69998 (21,60342072,
     * frais 0,02160342), achat de 0,00616547 ETH à 3501,25011 (21,58686313, frais 0,02158686) ; XRP
     * 3,24 USDC : écart sous le minimum, rien à faire (trading-rules.md). Liquidités 53,91936731 ; total aux prix du début
     * 53,91936731 + 0,00033382 × 97000,10 + 0,00616547 × 3500,55 = 107,8824767 ;
     * BTC 0,30014674, ETH 0,20005599. Coût : frais 0,04319028 + glissement 19,40002 × 0,00022276
     * + 0,70011 × 0,00616547 = 0,05182834.
     */
    @Test
    void aDryRunRebalanceReportsTheSharesAndTheSlippageAgainstTheStartPrices() {
        start(Map.of("INITIAL_BUDGET_EUR", "100"));
        driver.execute(SignalDriver.v1("s0", "BTCUSDC", "BUY", "0.5"));

        driver.execute(SignalDriver.v2("s1", "BTCUSDC", "0.3", "ETHUSDC", "0.2", "XRPUSDC", "0.03"));

        JsonNode copy = signal("s1").path("copy");
        assertShare("0.30014674", copy.path("reached").path("BTCUSDC"), "BTC reached");
        assertShare("0.20005599", copy.path("reached").path("ETHUSDC"), "ETH reached");
        assertShare("0", copy.path("reached").path("SOLUSDC"), "SOL reached");
        assertShare("0.03", copy.path("target").path("XRPUSDC"), "XRP target");
        assertShare("0.03", copy.path("max_gap"), "max gap");
        assertShare("0.05182834", copy.path("cost_usdt"), "cost");
        // l'écart XRP (3,24 USDC) est sous le minimum : pas planifié du tout, donc aucune raison d'ordre écarté
        assertEquals("executed", signal("s1").path("status").asText());
        assertFalse(signal("s1").path("error_message").asText().contains("XRPUSDC"), signal("s1").toString());
        // un signal sans portfolio_state n'a pas de rapport
        assertTrue(signal("s0").path("copy").isNull(), signal("s0").toString());

        // gardé, jamais recalculé : les prix qui bougent ne changent pas le rapport d'un signal passé
        String before = copy.toString();
        binance.setPrice("BTCUSDC", "120000");
        assertEquals(before, signal("s1").path("copy").toString());
    }

    @Test
    void aSignalThatDidNotExecuteHasNoReport() {
        start(Map.of("INITIAL_BUDGET_EUR", "100"));
        driver.execute(SignalDriver.v1("s0", "BTCUSDC", "BUY", "0.5"));
        binance.failWith(503);

        driver.execute(SignalDriver.v2("s1", "BTCUSDC", "0.3"));

        assertEquals("error", signal("s1").path("status").asText());
        assertTrue(signal("s1").path("copy").isNull(), signal("s1").toString());
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
