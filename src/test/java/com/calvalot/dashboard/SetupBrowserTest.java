package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SetupLog;

/**
 * L'installation comme la fait un nouvel utilisateur, dans un vrai Chromium contre un vrai processus :
 * le code lu dans le log, un mauvais code, un mauvais secret, une clé qui peut retirer, puis un bon
 * dry run ; ensuite le tableau de bord derrière le nouveau mot de passe, et un premier signal suivi.
 */
class SetupBrowserTest {

    static final String SECRET = "browser-setup-secret";
    static final String PASSWORD = "correct-horse-battery";
    static final String KEY = "browser-key-withdraws";
    static final String KEY_SECRET = "browser-key-secret";

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @Test
    void aNewUserSetsUpADryRunAndFollowsTheFirstSignal() throws Exception {
        try (FakeLeader leader = new FakeLeader(SECRET); FakeBinance binance = new FakeBinance();
             HeadlessChromium browser = HeadlessChromium.start()) {
            FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, KEY_SECRET);
            account.allowWithdrawals(true);
            Map<String, String> env = RunningApp.setupEnv(dir);
            env.put("BINANCE_BASE_URL", binance.baseUrl());
            env.put("POLL_INTERVAL_SECONDS", "1");
            String base = "http://127.0.0.1:" + env.get("PORT");
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                String code = SetupLog.awaitCode(app);
                browser.consoleSince();
                browser.open(URI.create(base + "/"));
                browser.until("the setup page", d -> d.getCurrentUrl().endsWith("/setup"));
                browser.awaitReady();
                assertEquals("Calv-a-lot — setup", browser.driver().getTitle());
                assertTrue(browser.find("#mode-dry").isSelected(), "dry run is the default");
                assertTrue(browser.find("label.choice").getText().contains("recommended"));
                assertFalse(browser.find("#binance-section").isDisplayed(), "no key asked for in dry run");

                // un mauvais code
                type(browser, "#setup-code", code.equals("AAAA-AAAA") ? "BBBB-BBBB" : "AAAA-AAAA");
                type(browser, "#leader-url", leader.url());
                type(browser, "#signal-secret", "not-the-secret");
                browser.find("#check-leader").click();
                awaitText(browser, "#leader-result", "Setup code refused");
                // le bon code, un mauvais secret
                type(browser, "#setup-code", code.toLowerCase());
                browser.find("#check-leader").click();
                awaitText(browser, "#leader-result", "The leader refused the signature");
                assertTrue(browser.find("#leader-result").getAttribute("class").contains("tone-bad"));
                // le bon secret
                type(browser, "#signal-secret", SECRET);
                browser.find("#check-leader").click();
                awaitText(browser, "#leader-result", "Leader reached");

                // live avec une clé qui peut retirer : refusée, avec la marche à suivre
                browser.find("#mode-live").click();
                assertTrue(browser.find("#binance-section").isDisplayed());
                type(browser, "#binance-key", KEY);
                type(browser, "#binance-secret", KEY_SECRET);
                browser.find("#check-binance").click();
                awaitText(browser, "#binance-result", "allowed to withdraw");
                assertTrue(browser.text("#binance-result").contains("untick \"Enable Withdrawals\""));

                // retour au dry run, un budget, le mot de passe ; d'abord un mot de passe trop court, mal répété,
                // et une adresse du leader effacée : toutes les fautes dites d'un coup, pas la première seule
                browser.find("#mode-dry").click();
                type(browser, "#initial-budget", "250");
                type(browser, "#dashboard-user", "calv");
                type(browser, "#leader-url", " ");
                type(browser, "#dashboard-password", "short");
                type(browser, "#dashboard-password-again", "something-else");
                browser.find("#save-button").click();
                awaitText(browser, "#setup-errors", "the two passwords differ");
                List<String> listed = browser.findAll("#setup-errors li").stream().map(WebElement::getText).toList();
                assertEquals(List.of("Leader address: required (the address the leader's operator gave you, https://…)",
                        "Dashboard password: at least 10 characters", "Dashboard password: the two passwords differ"), listed);
                assertEquals("Nothing was saved.", browser.text("#save-result"));
                type(browser, "#leader-url", leader.url());
                type(browser, "#dashboard-password", PASSWORD);
                type(browser, "#dashboard-password-again", PASSWORD);
                Path phone = browser.screenshot("setup-390", 390);
                long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                assertTrue(overflow <= 0, "the setup page is wider than a phone by " + overflow + " px");
                browser.screenshot("setup-1280", 1280);
                assertTrue(Files.isRegularFile(phone));
                // la page d'installation prend le thème du tableau de bord (app.css), sombre comme clair
                for (String scheme : List.of("dark", "light")) {
                    browser.colourScheme(scheme);
                    assertEquals(scheme.equals("dark") ? "rgb(42, 32, 24)" : "rgb(245, 239, 224)", browser.background("body"),
                            scheme + " setup page background");
                    assertTrue(Files.isRegularFile(browser.screenshot("setup-" + scheme + "-390", 390)));
                    assertEquals(List.of(), browser.lowContrastTexts(), scheme + " setup page: text under WCAG AA");
                }
                browser.resize(1280, 900);
                browser.find("#save-button").click();
                browser.until("the page to say it is saved", d -> browser.find("#setup-done").isDisplayed());
                assertEquals("calv", browser.text("#done-user"));
                // plus aucun secret sur la page
                String source = browser.driver().getPageSource();
                for (String secret : List.of(SECRET, PASSWORD, KEY_SECRET, KEY, code)) {
                    assertFalse(source.contains(secret), "the page still holds " + secret);
                }
                for (WebElement input : browser.findAll("input")) {
                    String value = input.getAttribute("value");
                    assertTrue(value == null || value.isEmpty() || value.equals("dry_run") || value.equals("live") || value.equals("on"),
                            "an input still holds " + value);
                }
                List<String> problems = browser.consoleSince().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                        .map(LogEntry::getMessage)
                        // les refus voulus (403 du mauvais code) : Chromium note chaque réponse 4xx
                        // et le 400 de l'enregistrement refusé, qui listait les fautes
                        .filter(m -> !m.matches(".*/api/setup/(validate|save) - Failed to load resource: the server responded with a status of 403.*"))
                        .filter(m -> !m.matches(".*/api/setup/save - Failed to load resource: the server responded with a status of 400.*"))
                        .toList();
                assertEquals(List.of(), problems, "console errors or warnings");

                // le même processus suit maintenant le leader, derrière le mot de passe choisi
                Await.until("the dashboard behind the password", Duration.ofSeconds(30), () -> status(base + "/api/budget", null) == 401);
                leader.publish(Json.write(Map.of("signal_id", "first-signal", "version", 1, "confidence", 0.8,
                        "reasoning", "first", "actions", List.of(Map.of("coin", "BTCUSDC", "action", "BUY", "pct_of_capital", 0.2)))));
                browser.resize(1280, 900);
                // relue toutes les 2 s : le signal suivi juste après le chargement s'affiche sans attendre 30 s
                browser.open(URI.create("http://calv:" + PASSWORD + "@127.0.0.1:" + env.get("PORT") + "/?refresh=2"));
                browser.awaitReady();
                assertEquals("DRY RUN", browser.text("#trading-mode"));
                browser.until("the first signal followed", d -> browser.findAll("#signals .signal").stream()
                        .anyMatch(s -> s.getText().contains("first-signal") && s.getText().toLowerCase().contains("executed")));
                browser.until("its trade listed", d -> browser.findAll("#trades tbody tr").stream().anyMatch(r -> r.getText().contains("BTC")));
                assertEquals("€250.00", DashboardBrowserTest.normalized(browser.text("#total-deposited-eur")));
                assertTrue(app.isAlive());
            }
        }
    }

    private static void type(HeadlessChromium browser, String selector, String text) {
        WebElement input = browser.find(selector);
        input.clear();
        input.sendKeys(text);
    }

    private static void awaitText(HeadlessChromium browser, String selector, String words) {
        browser.until(selector + " saying " + words, d -> browser.text(selector).contains(words));
    }

    private static int status(String url, String user) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
