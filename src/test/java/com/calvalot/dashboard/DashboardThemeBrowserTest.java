package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

import com.calvalot.support.FakeBinance;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Le thème clair et sombre (la préférence du système), les retraits et le rapport de copie, dans un
 * vrai Chromium contre l'application en dry run. Les signaux passent par la vraie route de trading :
 * une synchronisation initiale (BTC 50 %), puis un rééquilibrage dont l'ordre XRP est écarté (EXCLUDE_COINS).
 */
class DashboardThemeBrowserTest {

    /** Les fonds du thème « Terracota Cream » (app.css), tels que getComputedStyle les rend. */
    static final String LIGHT_BACKGROUND = "rgb(245, 239, 224)";
    static final String DARK_BACKGROUND = "rgb(42, 32, 24)";
    static final int MONTH_OF_MINUTES = 30 * 24 * 60 - 5;

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
        // un leader réglé (port fermé) : sans lui, / mènerait à la page d'installation (setup.md)
        env.put("LEADER_URL", "http://127.0.0.1:9");
        env.put("SIGNAL_SECRET", "unused-secret");
        env.put("POLL_INTERVAL_SECONDS", "3600");
        // XRP jamais échangé : son ordre est écarté avec une raison, que le rapport de copie montre
        env.put("EXCLUDE_COINS", "XRPUSDC");
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
        driver.execute(SignalDriver.v2("s0", "BTCUSDC", "0.5"));
        driver.execute(SignalDriver.v2("s1", "BTCUSDC", "0.3", "ETHUSDC", "0.2", "XRPUSDC", "0.1"));
        Instant now = Instant.now();
        // un mois d'instantanés, un par minute : ce qu'un suiveur accumule en 30 jours
        app.sql().update("INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, created_at) "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                + "SELECT printf('%d.%02d', 100 + (i / 600) % 7, i % 100), '40', '68', "
                + "strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-' || i || ' minutes') FROM n", MONTH_OF_MINUTES, Timestamps.format(now));
        app.sql().update("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, "
                + "positions_sold, status, is_simulated, created_at) VALUES ('20', '21.6', '19.98', '1.08', '[]', 'completed', 1, ?)",
                Timestamps.format(now.minus(Duration.ofHours(2))));
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeAll(browser, app, binance);
    }

    @BeforeEach
    void openTheDashboard() {
        HeadlessChromium.assumeInstalled();
        browser.colourScheme("light");
        browser.resize(1280, 900);
        browser.open(app.uri("/"));
        browser.awaitReady();
    }

    @Test
    void bothSchemesFollowTheSystemWithReadableTextAndACleanConsole() {
        browser.consoleSince();
        for (String scheme : List.of("light", "dark")) {
            browser.colourScheme(scheme);
            browser.open(app.uri("/"));
            browser.awaitReady();
            String expected = scheme.equals("dark") ? DARK_BACKGROUND : LIGHT_BACKGROUND;
            assertEquals(expected, browser.background("body"), scheme + " page background");
            assertFalse(browser.background(".card").equals(expected), scheme + ": the panels stand out from the page");
            // le lien d'export suit le thème (la couleur d'accent du texte), jamais le bleu par défaut du navigateur
            assertEquals(scheme.equals("dark") ? "rgb(232, 168, 135)" : "rgb(166, 74, 42)",
                    browser.script("return getComputedStyle(document.getElementById('trades-csv')).color"),
                    scheme + ": the Download trades (CSV) link");
            // le graphique est redessiné avec la courbe du thème en cours
            browser.until(scheme + " chart line", d -> browser.chartLinePixels() > 50);
            for (int width : List.of(1280, 390)) {
                Path shot = browser.screenshot("dashboard-" + scheme + "-" + width, width);
                assertTrue(Files.isRegularFile(shot));
                assertEquals(expected, browser.background("body"), scheme + " at " + width + " px");
                assertEquals(List.of(), browser.lowContrastTexts(), scheme + " at " + width + " px: text under WCAG AA");
                long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                assertTrue(overflow <= 0, scheme + ": wider than the window by " + overflow + " px");
            }
            // les états plus rares, rendus par les modules de la page : mort, live, alertes, hors ligne, refus
            browser.resize(1280, 900);
            browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/assets/render.js').then((render) => {
                      render.renderStatus({ dead: true, paused: false, mode: 'live', leader_url: '***', no_signal_alert: true,
                        last_poll: { status: 'unreachable' } }, { status: 'DEAD' });
                      render.renderSignals([{ id: 99, signal_id: 'bad', status: 'rejected', error_message: 'version must be 1 or 2',
                        actions: [], received_at: '2026-11-30T10:00:00Z' }]);
                      const banner = document.getElementById('offline-banner');
                      banner.hidden = false;
                      banner.textContent = 'Cannot reach Calv-a-lot. Showing the last data read; retrying.';
                      done();
                    });""");
            assertEquals(List.of(), browser.lowContrastTexts(), scheme + ": rarer states under WCAG AA");
        }
        List<String> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), problems, "console errors, warnings or CSP violations");
    }

    /** Le garde-fou de la mesure : un texte gris clair sur le fond clair ne passerait pas inaperçu. */
    @Test
    void aFaintTextWouldBeSeenByTheContrastCheck() {
        browser.script("const p = document.createElement('p'); p.id = 'faint'; p.textContent = 'faint';"
                + " p.style.color = '#c8bfae'; document.querySelector('main .card').append(p);");
        List<String> found = browser.lowContrastTexts();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("#faint"), found.toString());
    }

    /** Le drapeau de Chromium lui-même, sans émulation : la page le suit dès son ouverture. */
    @Test
    void chromiumsForceDarkModeFlagGivesTheDarkTheme() {
        try (HeadlessChromium dark = HeadlessChromium.start("--force-dark-mode")) {
            dark.open(app.uri("/"));
            dark.awaitReady();
            assertEquals(DARK_BACKGROUND, dark.background("body"));
            assertEquals(List.of(), dark.lowContrastTexts(), "text under WCAG AA");
        }
    }

    @Test
    void withdrawalsAreListedWithTheirTotalAndAnEmptyListSaysSo() {
        WebElement row = browser.until("the withdrawal", d -> browser.findAll("#withdrawals tbody tr").stream().findFirst().orElse(null));
        String text = DashboardBrowserTest.normalized(row.getText());
        assertTrue(text.contains("€20.00") && text.contains("€19.98") && text.contains("21.60 USDC"), text);
        assertTrue(text.contains("simulated") && text.contains("completed"), text);
        assertEquals("Total withdrawn: €19.98 (21.60 USDC sold)", DashboardBrowserTest.normalized(browser.text("#withdrawals-total")));
        assertFalse(browser.find("#withdrawals-empty").isDisplayed());

        browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/assets/render.js').then((render) => {
                  render.renderWithdrawals({ withdrawals: [], total_usdt: 0, total_eur: 0 });
                  done();
                });""");
        assertTrue(browser.find("#withdrawals-empty").isDisplayed());
        assertEquals("No withdrawal yet.", browser.text("#withdrawals-empty"));
        assertEquals(0, browser.findAll("#withdrawals tbody tr").size());
        assertEquals(List.of(), browser.lowContrastTexts(), "the empty state is readable");
    }

    @Test
    void theLatestCopyShowsTargetVersusReachedTheCostAndWhyAnOrderWasNotSent() {
        JsonNode copy = signal("s1").path("copy");
        browser.until("the copy report", d -> browser.find("#copy-report").isDisplayed());
        assertTrue(browser.text("#copy-meta").startsWith("Signal s1 · executed"), browser.text("#copy-meta"));
        WebElement btc = browser.findAll("#copy-table tbody tr").stream().filter(r -> r.getText().startsWith("BTC")).findFirst().orElseThrow();
        List<String> cells = btc.findElements(By.tagName("td")).stream().map(c -> DashboardBrowserTest.normalized(c.getText())).toList();
        assertEquals("30.00%", cells.get(1));
        assertEquals(percent(copy.path("reached").path("BTCUSDC").decimalValue()), cells.get(2));
        WebElement xrp = browser.findAll("#copy-table tbody tr").stream().filter(r -> r.getText().startsWith("XRP")).findFirst().orElseThrow();
        assertTrue(DashboardBrowserTest.normalized(xrp.getText()).contains("10.00%"), xrp.getText());
        assertEquals(5, browser.findAll("#copy-table tbody tr").size(), "one row per tracked pair");
        String summary = DashboardBrowserTest.normalized(browser.text("#copy-summary"));
        assertTrue(summary.startsWith("Largest gap 10.00% · cost " + usdc(copy.path("cost_usdt").decimalValue())), summary);
        List<String> skipped = browser.findAll("#copy-skipped li").stream().map(WebElement::getText).toList();
        assertEquals(List.of("Not copied: XRPUSDC BUY skipped: XRPUSDC is in EXCLUDE_COINS, never traded"), skipped);
    }

    @Test
    void anOlderCopyReportOpensOnDemandAndStaysOpenAcrossRefreshes() {
        WebElement sync = browser.until("the initial sync signal", d -> browser.findAll("#signals .signal").stream()
                .filter(s -> s.getText().contains("initial_sync")).findFirst().orElse(null));
        WebElement details = sync.findElement(By.cssSelector("details.signal-copy"));
        assertFalse(details.findElement(By.tagName("table")).isDisplayed(), "closed until asked");
        details.findElement(By.tagName("summary")).click();
        browser.until("the older report open", d -> details.findElement(By.tagName("table")).isDisplayed());
        assertTrue(DashboardBrowserTest.normalized(details.getText()).contains("50.00%"), details.getText());

        int before = browser.refreshes();
        browser.find("[data-period='1w']").click();
        browser.awaitRefreshAfter(before);
        WebElement again = browser.findAll("#signals .signal").stream()
                .filter(s -> s.getText().contains("initial_sync")).findFirst().orElseThrow();
        assertEquals("true", again.findElement(By.cssSelector("details.signal-copy")).getDomProperty("open"));
    }

    /** Un mois d'instantanés : le graphique demande un nombre borné de points, jamais tout l'historique. */
    @Test
    void aMonthOfSnapshotsIsDrawnFromABoundedRead() {
        assertTrue(driver.number("SELECT count(*) FROM portfolio_snapshots") >= MONTH_OF_MINUTES);
        browser.requestedUrlsSince();
        browser.find("[data-period='1m']").click();
        browser.until("the month drawn", d -> Integer.parseInt(browser.find("#chart").getAttribute("data-points")) >= 200);
        int points = Integer.parseInt(browser.find("#chart").getAttribute("data-points"));
        assertTrue(points <= 1000, "points drawn: " + points);
        List<String> reads = browser.requestedUrlsSince().stream().filter(u -> u.contains("/api/budget/history")).toList();
        assertFalse(reads.isEmpty());
        for (String read : reads) {
            assertTrue(read.contains("period=1m"), read);
            int limit = Integer.parseInt(read.replaceAll(".*[?&]limit=(\\d+).*", "$1"));
            assertTrue(limit >= 200 && limit <= 1000, read);
        }
    }

    private static JsonNode signal(String signalId) {
        for (JsonNode signal : DashboardBrowserTest.json(app.get("/api/signals").body())) {
            if (signal.path("signal_id").asText().equals(signalId)) {
                return signal;
            }
        }
        throw new AssertionError("no signal " + signalId);
    }

    /** 0.30014674 → « 30.01% », comme Intl en-US (HeadlessChromium.DEFAULT_LOCALE). */
    private static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String usdc(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " USDC";
    }
}
