package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Le Chromium de Debian (/usr/bin/chromium) piloté par son chromedriver (/usr/bin/chromedriver),
 * sans écran. Rien n'est jamais téléchargé : les deux chemins sont donnés à Selenium, qui n'a donc
 * pas à lancer Selenium Manager ; s'ils manquent, le test est ignoré (assumption), jamais réussi.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getProperty("calvalot.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("calvalot.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Selenium cherche un module CDP de la version du navigateur pour ses API WebSocket, que ces
     * tests n'utilisent pas (chromedriver relaie lui-même les commandes CDP) : son avertissement
     * n'est que du bruit. Références gardées : java.util.logging oublie les réglages des loggers
     * que plus rien ne retient.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /**
     * À appeler avant CHAQUE test (@BeforeEach) : chaque test est alors compté « skipped » quand le
     * navigateur ou son pilote manque. (Une hypothèse fausse dans @BeforeAll ferait disparaître la
     * classe du rapport de surefire : ni réussie, ni ignorée, invisible.)
     */
    static void assumeInstalled() {
        assumeTrue(installed(), "browser tests need " + BROWSER + " and " + DRIVER
                + " (Debian packages chromium, chromium-driver)");
    }

    static HeadlessChromium start() {
        assumeInstalled();
        // pour tout code Selenium qui chercherait encore le pilote : le voici, pas de téléchargement
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("calvalot-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), service, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    String text(String cssSelector) {
        return find(cssSelector).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** Attend une condition sur la page (jamais un temps fixe). */
    /** Attend que la page ait lu l'API au moins une fois (body data-state="ready"). */
    void awaitReady() {
        until("the dashboard to read the API", d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state")));
    }

    /** Ferme ce qui a été ouvert (les @AfterAll des tests de navigateur). */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    <T> T until(String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
        wait.withMessage(what);
        return wait.until(condition);
    }

    /** La page a fini une lecture complète de l'API (voir app.js, body[data-refreshes]). */
    int refreshes() {
        Object count = script("return Number(document.body.dataset.refreshes || 0)");
        return ((Number) count).intValue();
    }

    void awaitRefreshAfter(int count) {
        until("a dashboard refresh after #" + count, d -> refreshes() > count);
    }

    /** Les messages de la console depuis la dernière lecture (la lecture les vide). */
    List<LogEntry> consoleSince() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /**
     * Les adresses demandées par des pages web depuis la dernière lecture (événements réseau CDP).
     * Les pages internes du navigateur (l'onglet neuf, chrome://…, qui se charge encore parfois
     * pendant le premier test) ne sont pas les nôtres : leurs requêtes sont écartées.
     */
    List<String> requestedUrlsSince() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = read(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            if ("Network.requestWillBeSent".equals(message.path("method").asText())
                    && !params.path("documentURL").asText().matches("(chrome|chrome-untrusted|devtools)://.*")) {
                urls.add(params.path("request").path("url").asText());
            }
        }
        return urls;
    }

    /**
     * Une capture de toute la page (au-delà de la fenêtre, par la commande CDP que chromedriver
     * relaie lui-même), à cette largeur, sous target/screenshots/.
     */
    Path screenshot(String name, int width) {
        resize(width, 900);
        until("layout at " + width + " px", d -> ((Number) script("return window.innerWidth")).intValue() == width);
        long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height, 8000), "scale", 1)));
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.close();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // un profil temporaire oublié n'est pas une erreur de test
        }
    }
}
