package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;

import com.calvalot.support.RunningApp;

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

        List<LogEntry> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), problems.stream().map(LogEntry::getMessage).toList(), "console errors or warnings");
        List<String> urls = browser.requestedUrlsSince();
        assertEquals(List.of(), urls.stream().filter(u -> !u.startsWith(origin)).toList(), "requests outside the app");
    }
}
