package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ce que voit un nouveau venu avec DEMO=true : le bandeau DEMO, un leader connecté, une courbe qui
 * bouge, des ordres simulés — sans aucune requête hors de l'application.
 */
class DashboardDemoBrowserTest {

    @TempDir
    static Path dir;

    static RunningApp app;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        if (!HeadlessChromium.installed()) {
            return; // chaque test sera compté « skipped » par son assumeInstalled()
        }
        Map<String, String> env = new HashMap<>(RunningApp.env(dir));
        env.put("DEMO", "true");
        env.remove("BINANCE_BASE_URL"); // la démo a son propre marché
        app = RunningApp.start(env);
        browser = HeadlessChromium.start();
    }

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeAll(browser, app);
    }

    @Test
    void theDemoIsClearlyLabelledAndComesAlive() {
        String origin = "http://127.0.0.1:" + app.settings().port() + "/";
        browser.consoleSince();
        browser.requestedUrlsSince();
        browser.open(app.uri("/?refresh=2"));
        browser.awaitReady();
        assertTrue(browser.find("#demo-banner").isDisplayed(), "DEMO banner");
        assertEquals("DRY RUN", browser.text("#trading-mode"));

        browser.until("a simulated trade", d -> browser.findAll("#trades tbody tr.simulated").size() > 0);
        browser.until("points in the chart", d -> Integer.parseInt(browser.find("#chart").getAttribute("data-points")) >= 2);
        browser.until("the leader connected", d -> browser.text("#leader-connection").startsWith("connected"));
        browser.screenshot("dashboard-demo-1280", 1280);
        browser.screenshot("dashboard-demo-390", 390);

        // les premières minutes : une courbe qui s'étale, des étiquettes toutes différentes
        browser.until("three points in the chart", d -> Integer.parseInt(browser.find("#chart").getAttribute("data-points")) >= 3);
        browser.resize(1280, 900);
        browser.until("the chart redrawn at 1280 px", d -> browser.find("#chart canvas").getSize().getWidth() > 300);
        assertDistinct("y", browser.find("#chart").getAttribute("data-y-labels"));
        assertDistinct("x", browser.find("#chart").getAttribute("data-x-labels"));
        double spread = browser.chartLineSpread();
        assertTrue(spread > 0.4, "the first minutes spread over the chart, not one vertical line: " + spread);

        // BUY/SELL en couleur aussi sur une ligne simulée (--ok / --bad)
        String buy = (String) browser.script("const td = document.querySelector('#trades tr.simulated td.side-buy');"
                + "return td ? getComputedStyle(td).color : null;");
        String ok = (String) browser.script("const p = document.createElement('span'); p.style.color = 'var(--ok)';"
                + "document.body.append(p); const c = getComputedStyle(p).color; p.remove(); return c;");
        assertEquals(ok, buy, "a simulated BUY is green");

        // à 390 px la liste des trades tient dans sa carte
        browser.resize(390, 900);
        browser.until("layout at 390 px", d -> ((Number) browser.script("return window.innerWidth")).intValue() == 390);
        Number overflow = (Number) browser.script("const t = document.querySelector('#trades');"
                + "return t.scrollWidth - t.parentElement.clientWidth;");
        assertTrue(overflow.intValue() <= 0, "the trades table overflows its card by " + overflow + " px");
        browser.resize(1280, 900);

        List<LogEntry> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), problems.stream().map(LogEntry::getMessage).toList(), "console errors or warnings");
        List<String> urls = browser.requestedUrlsSince();
        assertEquals(List.of(), urls.stream().filter(u -> !u.startsWith(origin)).toList(), "requests outside the app");
    }

    /**
     * Un signal v1 ne va pas sous « Copy of the latest rebalance » (il rejoue des actions : l'écart à
     * la cible est voulu) et son rapport le dit ; un écart laissé sous l'ordre minimum le dit aussi.
     */
    @Test
    void aVersion1SignalIsNotShownAsARebalanceAndSmallGapsSayWhy() {
        browser.open(app.uri("/?refresh=2"));
        browser.awaitReady();
        browser.until("a v1 demo signal executed with a copy report", Duration.ofSeconds(90), d -> {
            for (JsonNode s : signals()) {
                if (s.path("version").asInt() == 1 && "executed".equals(s.path("status").asText()) && s.path("copy").isObject()) {
                    return true;
                }
            }
            return false;
        });
        int seen = browser.refreshes();
        browser.awaitRefreshAfter(seen);
        browser.awaitRefreshAfter(seen + 1);

        String shown = browser.text("#copy-meta");
        for (JsonNode s : signals()) {
            if (shown.startsWith("Signal " + s.path("signal_id").asText() + " ")) {
                assertEquals(2, s.path("version").asInt(), "the latest rebalance card shows a rebalance: " + s);
            }
        }
        WebElement v1 = browser.findAll("#signals .signal").stream()
                .filter(li -> li.findElements(By.cssSelector(".signal-copy")).size() > 0
                        && li.findElement(By.cssSelector(".signal-copy summary")).getText().startsWith("Copy report (actions replayed"))
                .findFirst().orElseThrow(() -> new AssertionError("a v1 signal's copy report says the gap is expected"));
        v1.findElement(By.cssSelector(".signal-copy summary")).click();
        assertTrue(v1.findElement(By.cssSelector(".copy-note")).getText().contains("did not rebalance to this portfolio"));

        // chaque écart non nul de la dernière copie (quelques centimes sur ~100 €) dit qu'il est sous le minimum
        List<WebElement> rows = browser.findAll("#copy-table tbody tr");
        int gaps = 0;
        for (WebElement row : rows) {
            WebElement gap = row.findElements(By.tagName("td")).get(3);
            if (!gap.getText().startsWith("0.00")) {
                gaps++;
                assertTrue(gap.getText().contains("under the 5 USDC minimum order"), row.getText());
            }
        }
        assertTrue(gaps > 0, "fees and slippage leave small gaps after a copy: " + browser.text("#copy-table"));
    }

    private static JsonNode signals() {
        return read(app.get("/api/signals?limit=20").body());
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void assertDistinct(String axis, String labelsJson) {
        List<String> labels = new ArrayList<>();
        read(labelsJson).forEach(l -> labels.add(l.asText()));
        assertTrue(labels.size() >= 2, axis + " labels: " + labels);
        assertEquals(labels.size(), new HashSet<>(labels).size(), "repeated " + axis + " labels: " + labels);
    }

    /**
     * La copie parfaite dans la première minute de la démo : la seconde courbe, sa légende, l'écart dit
     * en mots (texte, jamais HTML), et le P&L par jour.
     */
    @Test
    void theDemoShowsThePerfectCopyBesideTheFollowerWithinItsFirstMinute() throws Exception {
        browser.open(app.uri("/?refresh=2"));
        browser.awaitReady();
        browser.until("the perfect copy's legend", Duration.ofSeconds(60), d -> browser.find("#chart-legend").isDisplayed());
        browser.until("the cost of copying in words", Duration.ofSeconds(60), d -> !browser.text("#copy-cost").isBlank());
        String words = browser.text("#copy-cost");
        assertTrue(words.contains("perfect copy of the leader"), words);
        assertEquals(0, browser.findAll("#copy-cost *").size(), "text, never HTML");
        JsonNode history = Json.MAPPER.readTree(app.get("/api/budget/history?period=1d").body());
        assertTrue(history.size() > 0 && history.get(0).has("perfect_value_eur"), history.toString());
        browser.screenshot("dashboard-demo-perfect-copy", 1280);
    }

    /**
     * Le conseiller de budget dans la première minute de la démo : les cinq premiers signaux à 6 s d'écart, le
     * cinquième publié 27 s après le départ ; la table et sa phrase, en texte.
     */
    @Test
    void theDemoShowsTheBudgetAdvisorWithinItsFirstMinutes() {
        browser.open(app.uri("/?refresh=2"));
        browser.awaitReady();
        browser.until("the budget advisor", Duration.ofSeconds(60), d -> browser.find("#advisor-card").isDisplayed());
        assertTrue(browser.findAll("#advisor-table tbody tr").size() >= 6, browser.text("#advisor-table"));
        assertTrue(browser.text("#advisor-sentence").contains("of a perfect copy"), browser.text("#advisor-sentence"));
        assertEquals(0, browser.findAll("#advisor-sentence *").size(), "text, never HTML");
        browser.screenshot("dashboard-demo-advisor-390", 390);
        browser.resize(1280, 900);
    }
}
