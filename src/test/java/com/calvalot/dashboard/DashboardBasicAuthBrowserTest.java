package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
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
 * Le tableau de bord derrière l'authentification Basic (API_PASSWORD_HASH posé) : le navigateur
 * s'identifie une fois, et chaque appel de la page à l'API passe avec ses identifiants.
 */
class DashboardBasicAuthBrowserTest {

    /** python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', b'correct horse', b'saltsalt', 1000).hex())" */
    static final String FAST_PBKDF2 = "pbkdf2:sha256:1000$saltsalt$a900cf4996b73ab9b2cbda0ad4fbb464b2f03f64afce6c77caef0ebc376afc9d";

    @TempDir
    static Path dir;

    static RunningApp app;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        if (!HeadlessChromium.installed()) {
            return; // chaque test sera compté « skipped » par son assumeInstalled()
        }
        Map<String, String> env = RunningApp.env(dir);
        env.put("API_USER", "calv");
        env.put("API_PASSWORD_HASH", FAST_PBKDF2);
        // un leader réglé (port fermé) : sans lui, / mènerait à la page d'installation (setup.md)
        env.put("LEADER_URL", "http://127.0.0.1:9");
        env.put("SIGNAL_SECRET", "unused-secret");
        env.put("POLL_INTERVAL_SECONDS", "3600");
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
    void withCredentialsThePageReadsAndDrivesTheApi() {
        assertEquals(401, app.get("/").statusCode(), "the page itself is behind the password");
        assertEquals(401, app.get("/assets/app.js").statusCode());
        browser.consoleSince();
        // la page se relit toutes les 2 s (« ?refresh », comme un écran mural) : le premier poll, qui peut
        // s'enregistrer juste après son chargement, s'affiche sans attendre les 30 s par défaut
        URI withCredentials = URI.create("http://calv:correct%20horse@127.0.0.1:" + app.settings().port() + "/?refresh=2");
        browser.open(withCredentials);
        browser.awaitReady();
        assertEquals("100,00 €", DashboardBrowserTest.normalized(browser.text("#total-deposited-eur")));
        browser.until("the first poll shown", d -> "leader unreachable".equals(browser.text("#leader-connection")));
        // aucune bourse joignable dans ce test : aucun prix lu, la page le dit au lieu d'inventer un total
        assertTrue(browser.find("#prices-stale").isDisplayed(), "stale marker");
        assertEquals("—", browser.text("#total-value-eur"));

        browser.find("#poll-button").click();
        browser.until("the poll's answer shown", d -> browser.text("#control-message").startsWith("Poll done: leader unreachable"));

        browser.find("#toggle-button").click();
        browser.until("PAUSED shown", d -> "PAUSED".equals(browser.text("#agent-state")));
        List<LogEntry> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), problems.stream().map(LogEntry::getMessage).toList(), "console errors or warnings");
        assertTrue(browser.find("#offline-banner").getAttribute("hidden") != null, "no refused API call");
    }
}
