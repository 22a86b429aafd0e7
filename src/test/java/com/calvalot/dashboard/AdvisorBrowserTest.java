package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import com.calvalot.json.Json;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * « If you had followed with… » : caché tant que moins de 5 signaux sont rejoués, puis une ligne par budget
 * (25 à 1000 EUR, celui du suiveur marqué), la phrase du budget fidèle, les nombres dans la langue du navigateur,
 * lisible en clair, en sombre et à 390 px. Les signaux passent par la vraie route de trading (dry run).
 */
class AdvisorBrowserTest {

    @TempDir
    static Path dir;

    static FakeBinance binance;
    static RunningApp app;
    static SignalDriver driver;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        if (!HeadlessChromium.installed()) {
            return; // chaque test sera compté « skipped » par son assumeInstalled()
        }
        binance = new FakeBinance();
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("INITIAL_BUDGET_EUR", "100");
        env.put("POLL_INTERVAL_SECONDS", "3600");
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeAll(browser, app, binance);
    }

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @Test
    void hiddenUnderFiveSignalsThenOneRowPerBudgetAndTheSentence() throws Exception {
        browser.colourScheme("light");
        browser.resize(1280, 900);
        browser.consoleSince();
        // une allocation (la synchronisation initiale), puis des actions et des rééquilibrages, les prix bougeant
        driver.execute(SignalDriver.v2("b1", "BTCUSDC", "0.4", "ETHUSDC", "0.3", "XRPUSDC", "0.06"));
        binance.setPrice("BTCUSDC", "99000");
        driver.execute(SignalDriver.v1("b2", "ETHUSDC", "SELL", "0.1", "SOLUSDC", "BUY", "0.08"));
        binance.setPrice("ETHUSDC", "3400");
        driver.execute(SignalDriver.v2("b3", "BTCUSDC", "0.35", "SOLUSDC", "0.2", "XRPUSDC", "0.04"));
        binance.setPrice("SOLUSDC", "185");
        driver.execute(SignalDriver.v1("b4", "BNBUSDC", "BUY", "0.05"));
        browser.open(app.uri("/?refresh=2"));
        browser.awaitReady();
        assertEquals("4", browser.find("#advisor-card").getAttribute("data-signals"));
        assertFalse(browser.find("#advisor-card").isDisplayed(), "four signals are too few to say anything");

        binance.setPrice("XRPUSDC", "2.4");
        driver.execute(SignalDriver.v2("b5", "BTCUSDC", "0.3", "ETHUSDC", "0.2", "SOLUSDC", "0.1", "XRPUSDC", "0.03"));
        browser.until("the advisor shown after the fifth signal", d -> browser.find("#advisor-card").isDisplayed());
        JsonNode advice = Json.MAPPER.readTree(app.get("/api/copy/advisor").body());
        assertEquals(5, advice.path("signals_replayed").asInt(), advice.toString());

        List<WebElement> rows = browser.findAll("#advisor-table tbody tr");
        assertEquals(6, rows.size(), "25, 50, 100 (this follower's), 250, 500, 1000 EUR");
        List<String> first = cells(rows.get(0));
        JsonNode small = advice.path("rows").path(0);
        assertEquals("€25.00", first.get(0));
        assertEquals(String.format("%+.2f%%", small.path("tracking_difference_pct").doubleValue()), first.get(1));
        assertEquals(String.format("€%.2f", small.path("fees_eur").doubleValue()), first.get(2));
        assertEquals(small.path("orders_skipped").asText(), first.get(3));
        assertTrue(small.path("orders_skipped").asInt() > 0, "at 25 EUR some orders are under 5 USDC: " + advice);
        WebElement own = rows.get(2);
        assertEquals("own", own.getAttribute("class"));
        assertEquals("yours €100.00", DashboardBrowserTest.normalized(cells(own).get(0)));
        String sentence = browser.text("#advisor-sentence");
        assertEquals(advice.path("faithful_from_eur").isNull()
                ? "None of these budgets stays within 1% of a perfect copy of this leader."
                : String.format("From about €%,.2f, a copy of this leader stays within 1%% of a perfect copy.",
                        advice.path("faithful_from_eur").doubleValue()), sentence);
        assertTrue(browser.text("#advisor-hint").startsWith("The leader's 5 signals since "), browser.text("#advisor-hint"));

        for (String scheme : List.of("light", "dark")) {
            browser.colourScheme(scheme);
            for (int width : List.of(1280, 390)) {
                browser.screenshot("advisor-" + scheme + "-" + width, width);
                assertEquals(List.of(), browser.lowContrastTexts(), scheme + " at " + width + " px: text under WCAG AA");
                Number overflow = (Number) browser.script("const t = document.querySelector('#advisor-table');"
                        + "return t.scrollWidth - t.parentElement.clientWidth;");
                assertTrue(overflow.intValue() <= 0, scheme + " at " + width + " px: the table overflows its card by "
                        + overflow + " px");
            }
        }
        browser.colourScheme("light");
        browser.resize(1280, 900);
        List<String> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), problems, "console errors, warnings or CSP violations");

        // la langue du navigateur : « 25,00 € » et « 1 % » en français
        browser.locale("fr-FR");
        browser.open(app.uri("/"));
        browser.awaitReady();
        browser.until("the advisor in French", d -> browser.find("#advisor-card").isDisplayed());
        assertEquals("25,00 €", DashboardBrowserTest.normalized(cells(browser.findAll("#advisor-table tbody tr").get(0)).get(0)));
        assertTrue(DashboardBrowserTest.normalized(browser.text("#advisor-sentence")).contains("1 %"), browser.text("#advisor-sentence"));
        browser.screenshot("advisor-fr-FR-390", 390);
        browser.locale(HeadlessChromium.DEFAULT_LOCALE);
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }
}
