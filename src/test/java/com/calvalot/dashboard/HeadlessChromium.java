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
    /** La locale des tests, quelle que soit celle de la machine (app.js formate dans celle du navigateur). */
    static final String DEFAULT_LOCALE = "en-US";

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
        return start(new String[0]);
    }

    /** Avec des options de plus pour le navigateur (par exemple --force-dark-mode). */
    static HeadlessChromium start(String... extraArguments) {
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
                "--disable-sync", "--disable-default-apps", "--lang=" + DEFAULT_LOCALE);
        options.addArguments(extraArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        HeadlessChromium browser = new HeadlessChromium(new ChromeDriver(service, options), service, profile);
        // --lang ne change pas la locale d'Intl en mode sans écran sous Linux : la page la lit du navigateur,
        // les tests la fixent par CDP, indépendamment de la machine
        browser.locale(DEFAULT_LOCALE);
        return browser;
    }

    /**
     * La locale du « navigateur » (celle qu'Intl prend par défaut, donc celle de la page), par la commande
     * CDP Emulation.setLocaleOverride ; elle vaut pour les pages ouvertes ensuite dans cet onglet.
     */
    void locale(String locale) {
        driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", locale));
    }

    /** Le fuseau du « système » (Emulation.setTimezoneOverride), pour des heures attendues fixes. */
    void timeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
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
        return until(what, WAIT, condition);
    }

    /** Idem, pour ce qui prend plus longtemps (un signal de la démo toutes les 20 s). */
    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
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

    /** Le thème demandé par le « système » : light ou dark (prefers-color-scheme émulé par CDP). */
    void colourScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        until(scheme + " scheme applied", d -> Boolean.TRUE.equals(script(
                "return window.matchMedia('(prefers-color-scheme: " + scheme + ")').matches")));
    }

    /** La couleur de fond calculée par le navigateur (getComputedStyle), par exemple rgb(245, 239, 224). */
    String background(String cssSelector) {
        return (String) script("return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", cssSelector);
    }

    /**
     * Le début commun des mesures de la courbe : la couleur --chart-line du thème en cours, résolue en
     * RGB, les pixels du canevas d'uPlot, et {@code isLine(i)} pour un pixel de cette couleur.
     */
    private static final String CHART_LINE_PIXELS = """
                const probe = document.createElement('div');
                probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--chart-line');
                document.body.append(probe);
                const [r, g, b] = getComputedStyle(probe).color.match(/\\d+/g).map(Number);
                probe.remove();
                const canvas = document.querySelector('#chart canvas');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                const isLine = (i) => Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24
                    && Math.abs(data[i + 2] - b) < 24 && data[i + 3] > 200;
                """;

    /** Les pixels du canevas d'uPlot de la couleur de la courbe du thème en cours (--chart-line de app.css). */
    long chartLinePixels() {
        Object count = script(CHART_LINE_PIXELS + """
                let n = 0;
                for (let i = 0; i < data.length; i += 4) {
                  if (isLine(i)) n++;
                }
                return n;""");
        return ((Number) count).longValue();
    }

    /**
     * La part de la largeur du graphique couverte par la courbe (pixels de la couleur --chart-line) :
     * près de 0 pour une ligne verticale, près de 1 pour une courbe qui s'étale.
     */
    double chartLineSpread() {
        Object spread = script(CHART_LINE_PIXELS + """
                let min = canvas.width, max = -1;
                for (let i = 0; i < data.length; i += 4) {
                  if (isLine(i)) {
                    const x = (i / 4) % canvas.width;
                    if (x < min) min = x;
                    if (x > max) max = x;
                  }
                }
                return max < 0 ? 0 : (max - min) / canvas.width;""");
        return ((Number) spread).doubleValue();
    }

    /**
     * Les textes visibles dont le contraste avec leur fond est sous le niveau WCAG AA (4,5:1, ou 3:1
     * pour un grand texte), mesurés par le navigateur : couleur calculée du texte contre le premier fond
     * opaque de ses ancêtres. Un fond en dégradé (le bandeau DEMO) n'est pas mesurable : écarté.
     */
    List<String> lowContrastTexts() {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) script("""
                const rgba = (text) => { const v = text.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
                const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
                  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
                const problems = [];
                for (const el of document.querySelectorAll('body *')) {
                  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
                  if (!own || el.getClientRects().length === 0 || el.closest('[hidden], template')) continue;
                  const style = getComputedStyle(el);
                  if (style.visibility === 'hidden' || Number(style.opacity) < 1) continue;
                  let bg = null;
                  let gradient = false;
                  for (let a = el; a; a = a.parentElement) {
                    const s = getComputedStyle(a);
                    if (s.backgroundImage !== 'none') { gradient = true; break; }
                    const c = rgba(s.backgroundColor);
                    if (c[3] >= 0.99) { bg = c; break; }
                  }
                  if (gradient) continue;
                  bg = bg || rgba(getComputedStyle(document.documentElement).backgroundColor);
                  const fg = rgba(style.color);
                  // un texte semi-transparent : mélangé à son fond
                  const mixed = fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
                  const [hi, lo] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
                  const ratio = (hi + 0.05) / (lo + 0.05);
                  const size = parseFloat(style.fontSize);
                  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
                  if (ratio < (large ? 3 : 4.5)) {
                    problems.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className) + ' "'
                      + el.textContent.trim().slice(0, 30) + '" ' + style.color + ' on ' + bg.join(',') + ' = ' + ratio.toFixed(2));
                  }
                }
                return problems;""");
        return found;
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
