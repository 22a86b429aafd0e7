package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals("€100.00", DashboardBrowserTest.normalized(browser.text("#total-deposited-eur")));
        browser.until("the first poll shown", d -> browser.text("#leader-connection").startsWith("leader unreachable since "));
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

    /**
     * Sans mot de passe, ou avec un mauvais : ce qu'un navigateur montre quand on annule sa demande de mot de
     * passe, la courte page du 401 (ce qu'il faut faire), jamais une page vide. Chromium sans écran n'a pas de
     * fenêtre de connexion à annuler (il reste sur une page blanche) : la page est demandée comme un navigateur
     * la demande (Accept: text/html, sans identifiants ou avec de mauvais) depuis /health, puis affichée à la
     * place du document, sous la même CSP : elle doit s'y lire sans style ni script.
     */
    @Test
    void aWrongPasswordShowsAPageThatSaysWhatToDo() {
        for (String authorization : new String[] {null, "Basic " + java.util.Base64.getEncoder().encodeToString(
                "intruder:wrong-password".getBytes(java.nio.charset.StandardCharsets.UTF_8))}) {
            browser.open(app.uri("/health"));
            browser.consoleSince();
            Object status = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    const headers = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
                    if (arguments[0]) headers.Authorization = arguments[0];
                    fetch('/', { credentials: 'omit', headers }).then(async (r) => {
                      const html = await r.text();
                      document.open();
                      document.write(html);
                      document.close();
                      done(r.status + ' ' + r.headers.get('Content-Type'));
                    });""", authorization);
            assertEquals("401 text/html; charset=utf-8", status);
            String text = browser.find("body").getText();
            assertTrue(text.startsWith("Calv-a-lot: sign in to see this follower"), text);
            assertTrue(text.contains("Try again") && text.contains("hash-password"), text);
            assertFalse(text.contains("intruder") || text.contains("wrong-password"), text);
            assertEquals("Calv-a-lot: sign in", browser.driver().getTitle());
            List<String> problems = browser.consoleSince().stream().map(LogEntry::getMessage)
                    .filter(m -> !m.contains("status of 401")).toList();
            assertEquals(List.of(), problems, "no CSP violation or error");
        }
        browser.screenshot("unauthorized-390", 390);
        browser.resize(1280, 900);
    }
}
