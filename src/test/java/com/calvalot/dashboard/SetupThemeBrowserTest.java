package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import com.calvalot.support.RunningApp;

/**
 * La page d'installation suit le thème du système comme le tableau de bord (app.css) : sur un
 * téléphone (390 px), en clair et en sombre, avec un refus affiché et la partie Binance ouverte,
 * tout texte se lit (WCAG AA), rien ne déborde, et la console reste propre.
 */
class SetupThemeBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theSetupPageFollowsTheSystemThemeReadablyOnAPhone() {
        HeadlessChromium.assumeInstalled();
        try (RunningApp app = RunningApp.start(RunningApp.setupEnv(dir)); HeadlessChromium browser = HeadlessChromium.start()) {
            assertTrue(app.settings().setupMode());
            browser.consoleSince();
            for (String scheme : List.of("light", "dark")) {
                browser.colourScheme(scheme);
                browser.resize(390, 900);
                browser.open(app.uri("/setup"));
                browser.awaitReady();
                String expected = scheme.equals("dark") ? DashboardThemeBrowserTest.DARK_BACKGROUND
                        : DashboardThemeBrowserTest.LIGHT_BACKGROUND;
                assertEquals(expected, browser.background("body"), scheme + " page background");
                // un refus (mauvais code) et la partie live : les textes les plus colorés de la page
                type(browser, "#setup-code", "AAAA-AAAA");
                type(browser, "#leader-url", "http://127.0.0.1:9");
                type(browser, "#signal-secret", "some-secret");
                browser.find("#check-leader").click();
                browser.until("the refusal", d -> browser.text("#leader-result").contains("Setup code refused"));
                browser.find("#mode-live").click();
                browser.until("the Binance part", d -> browser.find("#binance-section").isDisplayed());
                Path shot = browser.screenshot("setup-" + scheme + "-390", 390);
                assertTrue(Files.isRegularFile(shot));
                assertEquals(expected, browser.background("body"), scheme + " at 390 px");
                assertEquals(List.of(), browser.lowContrastTexts(), scheme + ": text under WCAG AA");
                long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                assertTrue(overflow <= 0, scheme + ": wider than a phone by " + overflow + " px");
            }
            List<String> problems = browser.consoleSince().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage)
                    // le refus voulu : Chromium note chaque réponse 4xx
                    .filter(m -> !m.matches(".*/api/setup/validate - Failed to load resource: the server responded with a status of 403.*"))
                    .toList();
            assertEquals(List.of(), problems, "console errors, warnings or CSP violations");
        }
    }

    private static void type(HeadlessChromium browser, String selector, String text) {
        WebElement input = browser.find(selector);
        input.clear();
        input.sendKeys(text);
    }
}
