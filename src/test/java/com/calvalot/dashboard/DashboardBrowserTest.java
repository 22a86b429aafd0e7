package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.RunningApp;
import com.calvalot.time.Timestamps;

/**
 * Le tableau de bord dans un vrai Chromium sans écran, contre l'application réelle branchée sur un
 * leader et un Binance de test en boucle locale. Une application et un navigateur pour toute la
 * classe ; chaque test recharge la page et attend des conditions, jamais un temps fixe.
 */
class DashboardBrowserTest {

    static final String SECRET = "dashboard-test-secret";
    /** Un raisonnement qui, lu comme du HTML, exécuterait du code et changerait le titre. */
    static final String HOSTILE_REASONING = "<img src=x onerror=\"document.title='pwned'\">";
    static final int SNAPSHOTS = 6;

    @TempDir
    static Path dir;

    static FakeLeader leader;
    static FakeBinance binance;
    static RunningApp app;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        if (!HeadlessChromium.installed()) {
            return; // chaque test sera compté « skipped » par son assumeInstalled()
        }
        leader = new FakeLeader(SECRET);
        leader.publish(Json.write(Map.of("signal_id", "sig-xss", "version", 1, "confidence", 0.72,
                "reasoning", HOSTILE_REASONING,
                "actions", List.of(Map.of("coin", "BTCUSDC", "action", "BUY", "pct_of_capital", 0.1)))));
        binance = new FakeBinance();
        Map<String, String> env = new HashMap<>(RunningApp.env(dir));
        env.putAll(FakeLeader.env(leader, SECRET));
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("POLL_INTERVAL_SECONDS", "3600");
        app = RunningApp.start(env);
        seedHistoryAndAPosition();
        // le premier poll part une seconde après le démarrage : le signal hostile est alors en base
        Await.until("the first signal handled", Duration.ofSeconds(15),
                () -> json(app.get("/api/agent/status").body()).path("last_poll").path("signal_id").asText().equals("sig-xss"));
        browser = HeadlessChromium.start();
    }

    /** Ce que les flux de trading écriraient : des instantanés sur 20 h, une position ETH achetée en simulé. */
    static void seedHistoryAndAPosition() {
        Instant now = Instant.now();
        for (int i = 0; i < SNAPSHOTS; i++) {
            String value = String.valueOf(100 + i * 2 - (i % 2 == 0 ? 0 : 3));
            app.sql().update("INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, created_at) "
                    + "VALUES (?, ?, ?, ?)", value, "40", "68", Timestamps.format(now.minus(Duration.ofHours(20 - i * 4L))));
        }
        String at = Timestamps.format(now.minus(Duration.ofHours(3)));
        app.sql().update("INSERT INTO trades (signal_id, client_order_id, coin, action, amount_usdt, price, quantity, fee_usdt, "
                + "is_simulated, created_at) VALUES ('seed', 'seed-1', 'ETHUSDC', 'BUY', '35', '3400', '0.0102', '0.035', 1, ?)", at);
        app.sql().update("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) "
                + "VALUES ('ETHUSDC', '0.0102', '3400', '35', ?)", at);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeAll(browser, app, binance, leader);
    }

    @BeforeEach
    void openTheDashboard() {
        HeadlessChromium.assumeInstalled();
        browser.resize(1280, 900);
        browser.open(app.uri("/"));
        browser.awaitReady();
    }

    @Test
    void thePageLoadsWithNoConsoleErrorAndNoRequestOutsideTheApp() {
        String origin = "http://127.0.0.1:" + app.settings().port() + "/";
        // on vide ce qu'ont noté le démarrage du navigateur (son onglet neuf) et les tests précédents
        browser.consoleSince();
        browser.requestedUrlsSince();
        browser.open(app.uri("/"));
        browser.awaitReady();
        List<LogEntry> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), problems.stream().map(LogEntry::getMessage).toList(), "console errors or warnings");
        List<String> urls = browser.requestedUrlsSince();
        assertTrue(urls.stream().anyMatch(u -> u.startsWith(origin + "api/budget")), urls.toString());
        assertTrue(urls.stream().anyMatch(u -> u.contains("/assets/vendor/uplot-")), urls.toString());
        assertEquals(List.of(), urls.stream().filter(u -> !u.startsWith(origin)).toList(), "requests outside the app");
    }

    /** Le garde-fou du test précédent : une requête vers une autre origine ne passerait pas inaperçue. */
    @Test
    void aForeignRequestWouldBeSeenByTheseChecks() {
        browser.consoleSince();
        browser.requestedUrlsSince();
        browser.script("fetch('http://192.0.2.1/steal').catch(() => {})");
        List<String> seen = browser.until("the foreign request to be noticed", d -> {
            List<String> found = new java.util.ArrayList<>(browser.requestedUrlsSince());
            browser.consoleSince().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .forEach(e -> found.add(e.getMessage()));
            return found.stream().anyMatch(m -> m.contains("192.0.2.1")) ? found : null;
        });
        assertTrue(seen.stream().anyMatch(m -> m.contains("Content Security Policy")), "the CSP refused it: " + seen);
    }

    @Test
    void theChartDrawsThePortfolioHistory() {
        browser.until("points in the chart", d -> Integer.parseInt(browser.find("#chart").getAttribute("data-points")) >= SNAPSHOTS);
        assertTrue(browser.chartLinePixels() > 50, "the value line is drawn on the canvas");
        browser.find("[data-period='1w']").click();
        browser.until("1w pressed", d -> "true".equals(browser.find("[data-period='1w']").getAttribute("aria-pressed")));
        browser.until("points in the 1w chart", d -> Integer.parseInt(browser.find("#chart").getAttribute("data-points")) >= SNAPSHOTS);
        assertTrue(browser.find("#chart-empty").getAttribute("hidden") != null);
    }

    @Test
    void theStatusBarSaysWhoIsAliveAndHowTheLeaderAnswers() {
        assertEquals("ACTIVE", browser.text("#agent-state"));
        assertEquals("DRY RUN", browser.text("#trading-mode"));
        assertTrue(browser.text("#leader-connection").startsWith("connected — last signal"), browser.text("#leader-connection"));
        assertTrue(browser.find("#leader-connection").getAttribute("class").matches("tone-(ok|warn)"));
        assertFalse(browser.find("#demo-banner").isDisplayed(), "no DEMO banner outside demo mode");
        assertFalse(browser.text("#last-poll-time").isBlank());
        assertFalse("never".equals(browser.text("#last-signal-time")));
    }

    /**
     * Le mode démo et chaque statut de poll, rendus par les modules mêmes de la page (le flux démo
     * et les pannes du leader ont leurs propres tests ; ici on vérifie ce que la page en dit).
     */
    @Test
    void theDemoBannerAndTheLeaderWordsFollowTheApi() {
        Object words = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/assets/render.js'), import('/assets/format.js')]).then(([render, format]) => {
                  render.renderStatus({ demo: true, paused: false, dead: false, mode: 'dry_run', leader_url: '***',
                    last_poll: { status: 'auth_rejected' }, no_signal_alert: true }, { status: 'ACTIVE', demo: true });
                  const words = {};
                  for (const s of ['no_signal', 'unreachable', 'duplicate', 'disabled', 'not_configured']) {
                    words[s] = format.leaderConnection({ leader_url: '***', last_poll: { status: s } }).text;
                  }
                  words.none = format.leaderConnection({ leader_url: null, last_poll: null }).text;
                  done(words);
                });""");
        assertTrue(browser.find("#demo-banner").isDisplayed(), "DEMO banner");
        assertTrue(browser.text("#demo-banner").startsWith("DEMO"));
        assertEquals("secret rejected — check SIGNAL_SECRET and the clock", browser.text("#leader-connection"));
        assertTrue(browser.text("#agent-alerts").contains("No new signal from the leader for 4 hours"), browser.text("#agent-alerts"));
        assertEquals(Map.of("no_signal", "connected — no signal yet", "unreachable", "leader unreachable",
                "duplicate", "connected — no new signal", "disabled", "leader has signals switched off",
                "not_configured", "not configured — set LEADER_URL", "none", "not configured — set LEADER_URL"), words);
    }

    @Test
    void pauseChangesTheStatusShown() {
        browser.find("#toggle-button").click();
        browser.until("PAUSED shown", d -> "PAUSED".equals(browser.text("#agent-state")));
        assertEquals("Resume", browser.text("#toggle-button"));
        assertTrue(app.get("/api/agent/status").body().contains("\"paused\":true"));
        assertFalse(browser.find("#poll-button").isEnabled(), "no poll while paused");

        browser.find("#toggle-button").click();
        browser.until("ACTIVE shown again", d -> "ACTIVE".equals(browser.text("#agent-state")));
        assertEquals("Pause", browser.text("#toggle-button"));
    }

    /** Les limites de risque en vigueur et une pause sur chute, telles que la page les dit. */
    @Test
    void theLimitsOnAndADrawdownPauseAreShown() {
        assertEquals("Limits: none", browser.text("#risk-limits"), "no limit set in this app");
        browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/assets/render.js').then((render) => {
                  render.renderStatus({ paused: true, pause_reason: 'drawdown', dead: false, mode: 'live', leader_url: '***',
                    last_poll: { status: 'paused' }, limits: { live_sizing: 'budget', max_order_usdc: 100,
                    exclude_coins: ['XRPUSDC', 'BNBUSDC'], pause_on_drawdown_pct: 0.2 } }, { status: 'PAUSED' });
                  done(true);
                });""");
        String limits = browser.text("#risk-limits");
        assertTrue(limits.startsWith("Limits: own budget only (LIVE_SIZING=budget)"), limits);
        assertTrue(limits.contains("per order") && limits.contains("never trades XRP, BNB") && limits.contains("20"), limits);
        assertTrue(browser.text("#agent-alerts").contains("Paused by the drawdown limit"), browser.text("#agent-alerts"));
        assertEquals("Resume", browser.text("#toggle-button"));
    }

    @Test
    void aDepositUpdatesTheTotals() {
        String before = budgetField("total_deposited_eur");
        String expected = euros(new java.math.BigDecimal(before).add(new java.math.BigDecimal("50.5")));
        browser.find("#deposit-amount").sendKeys("50,5");
        browser.find("#deposit-form button").click();
        browser.until("the new total deposited", d -> expected.equals(normalized(browser.text("#total-deposited-eur"))));
        assertTrue(browser.text("#deposit-message").startsWith("Deposit recorded."), browser.text("#deposit-message"));
        assertEquals("", browser.find("#deposit-amount").getAttribute("value"));
    }

    @Test
    void aRefusedDepositShowsTheApisOwnMessage() {
        String apiMessage = json(app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 0}").body()).path("error").asText();
        assertFalse(apiMessage.isBlank());
        browser.find("#deposit-amount").sendKeys("0");
        browser.find("#deposit-form button").click();
        browser.until("the refusal", d -> apiMessage.equals(browser.text("#deposit-message")));
        assertTrue(browser.find("#deposit-message").getAttribute("class").contains("tone-bad"));

        String correctionMessage = json(app.send("PUT", "/api/budget/deposit", "{\"total_eur\": -5}").body()).path("error").asText();
        assertFalse(correctionMessage.isBlank());
        browser.find("#correction-form").findElement(By.xpath("..")).findElement(By.tagName("summary")).click();
        browser.find("#correction-total").sendKeys("-5");
        browser.find("#correction-form button").click();
        browser.until("the correction refused", d -> correctionMessage.equals(browser.text("#correction-message")));
    }

    @Test
    void aHostileReasoningIsShownAsPlainText() {
        WebElement signal = browser.until("the signal", d -> browser.findAll("#signals .signal").stream()
                .filter(s -> s.getText().contains("sig-xss")).findFirst().orElse(null));
        assertEquals(HOSTILE_REASONING, signal.findElement(By.cssSelector(".signal-reasoning")).getText());
        assertTrue(signal.getText().contains("leader's confidence 72%"), signal.getText());
        assertTrue(signal.getText().contains("BUY BTCUSDC 10% of capital"), signal.getText());
        assertEquals(0, browser.findAll("img").size(), "no element was made from the data");
        assertEquals("Calv-a-lot", browser.driver().getTitle());
    }

    @Test
    void positionsAndSimulatedTradesAreListed() {
        WebElement eth = browser.until("the ETH position", d -> browser.findAll("#positions tbody tr").stream()
                .filter(r -> r.getText().startsWith("ETH")).findFirst().orElse(null));
        assertTrue(eth.getText().contains("3,400.00"), eth.getText());
        WebElement trade = browser.findAll("#trades tbody tr").stream()
                .filter(r -> r.getText().contains("ETH")).findFirst().orElseThrow();
        assertTrue(trade.getText().contains("simulated"), trade.getText());
    }

    @Test
    void itRefreshesItselfWithoutReloading() {
        browser.open(app.uri("/?refresh=2"));
        browser.awaitReady();
        browser.script("window.stillTheSamePage = true");
        String before = budgetField("total_deposited_eur");
        HttpResponse<String> deposit = app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 7}");
        assertEquals(200, deposit.statusCode(), deposit.body());
        String expected = euros(new java.math.BigDecimal(before).add(java.math.BigDecimal.valueOf(7)));
        browser.until("the page to show the deposit made elsewhere", d -> expected.equals(normalized(browser.text("#total-deposited-eur"))));
        assertEquals(Boolean.TRUE, browser.script("return window.stillTheSamePage === true"));
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidthAndNothingOverflowsAPhone() {
        Path desktop = browser.screenshot("dashboard-1280", 1280);
        Path phone = browser.screenshot("dashboard-390", 390);
        long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
        assertTrue(overflow <= 0, "the page is wider than a phone by " + overflow + " px");
        assertTrue(Files.isRegularFile(desktop) && Files.isRegularFile(phone));
        browser.until("the chart resized to the phone", d -> ((Number) browser.script(
                "return document.querySelector('#chart canvas').getBoundingClientRect().width")).doubleValue() <= 390);
    }

    private static String budgetField(String field) {
        HttpResponse<String> budget = app.get("/api/budget");
        assertEquals(200, budget.statusCode(), budget.body());
        return json(budget.body()).path(field).asText();
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** 1150.5 → « €1,150.50 », comme Intl en-US (la locale des tests, HeadlessChromium.DEFAULT_LOCALE). */
    static String euros(java.math.BigDecimal amount) {
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US));
        return "€" + format.format(amount);
    }

    static String normalized(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
