package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.RunningApp;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La page parle la langue du navigateur pour ses nombres et ses dates (Intl), et la copie parfaite se dit
 * d'un seul calcul : la même page dans un Chromium en-US puis fr-FR (Emulation.setLocaleOverride, fuseau
 * UTC), contre des instantanés écrits pour reproduire le cas du rapport (0,06 € d'écart dont 0,13 € de
 * frais) sur dix jours.
 */
class DashboardLocaleBrowserTest {

    /** Un trade à l'heure du rapport (« 07/12 19:11 » lu 12 juillet par un lecteur américain). */
    static final String TRADE_AT = "2026-12-07T19:11:00Z";

    @TempDir
    static Path dir;

    static FakeBinance binance;
    static RunningApp app;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        if (!HeadlessChromium.installed()) {
            return; // chaque test sera compté « skipped » par son assumeInstalled()
        }
        binance = new FakeBinance();
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("INITIAL_BUDGET_EUR", "3500.70");
        env.put("POLL_INTERVAL_SECONDS", "3600");
        app = RunningApp.start(env);
        seed(Instant.now());
        browser = HeadlessChromium.start();
    }

    /**
     * Dix jours d'instantanés (le suiveur et sa copie parfaite, 1 EUR = 1,08 USDC), le dépôt initial avant
     * eux ; sur le dernier jour, la copie part 0,30 € devant et finit 0,36 € devant (coût 0,06 €), avec
     * 0,1404 USDC de commission entre les deux (0,13 €) : le reste a joué 0,07 € pour le suiveur.
     */
    static void seed(Instant now) {
        app.sql().update("UPDATE deposits SET created_at = ?", Timestamps.format(now.minus(Duration.ofDays(12))));
        String insert = "INSERT INTO portfolio_snapshots (total_value_eur, portfolio_value_usdt, cash_usdt, perfect_value_eur, "
                + "created_at) VALUES (?, '0', ?, ?, ?)";
        for (int day = 10; day >= 2; day--) {
            BigDecimal follower = new BigDecimal("3480").add(BigDecimal.valueOf((day * 37L) % 23 - 11));
            app.sql().update(insert, follower.toPlainString(), usdc(follower), follower.add(new BigDecimal("0.2")).toPlainString(),
                    Timestamps.format(now.minus(Duration.ofDays(day))));
        }
        app.sql().update(insert, "3500.00", usdc(new BigDecimal("3500.00")), "3500.30", Timestamps.format(now.minus(Duration.ofHours(23))));
        app.sql().update(insert, "3510.00", usdc(new BigDecimal("3510.00")), "3510.40", Timestamps.format(now.minus(Duration.ofHours(5))));
        app.sql().update(insert, "3520.00", usdc(new BigDecimal("3520.00")), "3520.36", Timestamps.format(now.minus(Duration.ofMinutes(10))));
        String trade = "INSERT INTO trades (signal_id, client_order_id, coin, action, amount_usdt, price, quantity, fee_usdt, "
                + "is_simulated, created_at) VALUES ('seed', ?, 'ETHUSDC', 'BUY', '35.10', '3400', '0.01032353', ?, 1, ?)";
        app.sql().update(trade, "seed-fee", "0.1404", Timestamps.format(now.minus(Duration.ofHours(2))));
        app.sql().update(trade, "seed-time", "0", TRADE_AT);
    }

    private static String usdc(BigDecimal eur) {
        return eur.multiply(new BigDecimal("1.08")).toPlainString();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeAll(browser, app, binance);
    }

    @BeforeEach
    void needsTheBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "fr-FR"})
    void numbersAndDatesFollowTheBrowsersLocaleAndTheCopySentenceAgreesWithTheChartAndTheApi(String locale) {
        boolean us = locale.equals("en-US");
        browser.locale(locale);
        browser.timeZone("UTC");
        browser.consoleSince();
        browser.resize(1280, 900);
        browser.open(app.uri("/"));
        browser.awaitReady();
        assertEquals(locale, browser.script("return new Intl.NumberFormat().resolvedOptions().locale"));

        // les montants : « €3,500.70 » pour un Américain, « 3 500,70 € » pour un Français (plus le dépôt de l'autre locale)
        BigDecimal deposited = DashboardBrowserTest.json(app.get("/api/budget").body()).path("total_deposited_eur").decimalValue();
        String figure = new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US))
                .format(deposited);
        assertEquals(us ? "€" + figure : figure.replace(',', ' ').replace('.', ',') + " €",
                DashboardBrowserTest.normalized(browser.text("#total-deposited-eur")));
        assertTrue(deposited.compareTo(new BigDecimal("3500.70")) == 0 || deposited.compareTo(new BigDecimal("4735.20")) == 0);
        // les dates : jamais « 07/12 » pour le 12 juillet d'un lecteur américain
        String time = browser.until("the trade at " + TRADE_AT, d -> browser.findAll("#trades tbody tr").stream()
                .map(r -> r.findElement(org.openqa.selenium.By.cssSelector("td.time")).getText())
                .filter(t -> t.contains("19:11") || t.contains("07:11 PM")).findFirst().orElse(null));
        assertTrue(time.startsWith(us ? "12/07, 07:11 PM" : "07/12 19:11"), time);

        // la copie parfaite : la phrase, le graphique et l'API disent le même écart
        JsonNode tracking = DashboardBrowserTest.json(app.get("/api/copy/tracking?period=1d").body());
        assertEquals("behind", tracking.path("comparison").asText(), tracking.toString());
        assertEquals(0, new BigDecimal("0.06").compareTo(tracking.path("cost_of_copying_eur").decimalValue()), tracking.toString());
        assertEquals(0, new BigDecimal("0.13").compareTo(tracking.path("fees_eur").decimalValue()), tracking.toString());
        assertEquals(0, new BigDecimal("-0.07").compareTo(tracking.path("other_costs_eur").decimalValue()), tracking.toString());
        String words = DashboardBrowserTest.normalized(browser.until("the cost of copying in words",
                d -> browser.text("#copy-cost").isBlank() ? null : browser.text("#copy-cost")));
        String eur6 = us ? "€0.06" : "0,06 €";
        assertTrue(words.startsWith("Over the last day, this follower did " + eur6 + " worse than a perfect copy of the leader "
                + "(a return lower by less than " + (us ? "0.01%" : "0,01 %") + ")."), words);
        assertTrue(words.endsWith("Fees cost " + (us ? "€0.13" : "0,13 €") + "; minimum orders, rounding, slippage, delays and "
                + "your limits gained back " + (us ? "€0.07" : "0,07 €") + "."), words);
        assertEquals("0.06", browser.find("#chart").getAttribute("data-end-gap-eur"), "the gap drawn at the right of the chart");
        String yLabels = DashboardBrowserTest.normalized(browser.find("#chart").getAttribute("data-y-labels"));
        assertTrue(yLabels.matches(us ? "\\[(\"€[0-9,]+\\.[0-9]{2}\",?)+\\]" : "\\[(\"[0-9 ]+,[0-9]{2} €\",?)+\\]"), yLabels);

        // le P&L par jour : une échelle en euros et le jour choisi écrits sans survol, dates de la locale
        JsonNode daily = tracking.path("daily");
        LocalDate first = LocalDate.parse(daily.get(0).path("day").asText());
        LocalDate last = LocalDate.parse(daily.get(daily.size() - 1).path("day").asText());
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(us ? "M/d/yy" : "dd/MM/yyyy");
        assertEquals(dates.format(first), browser.text("#daily-first"));
        assertEquals(dates.format(last), browser.text("#daily-last"));
        assertTrue(browser.text("#daily-axis-top").startsWith("+"), browser.text("#daily-axis-top"));
        assertTrue(browser.text("#daily-detail").startsWith(dates.format(last) + ": "), browser.text("#daily-detail"));
        browser.find("#daily-bars .day").click();
        assertTrue(browser.text("#daily-detail").startsWith(dates.format(first) + ": "), browser.text("#daily-detail"));

        // un montant tapé comme la locale l'écrit : « 1,234.5 » ou « 1 234,5 »
        BigDecimal before = DashboardBrowserTest.json(app.get("/api/budget").body()).path("total_deposited_eur").decimalValue();
        assertEquals(us ? "50.00" : "50,00", browser.find("#deposit-amount").getAttribute("placeholder"));
        browser.find("#deposit-amount").sendKeys(us ? "1,234.5" : "1 234,5");
        browser.find("#deposit-form button").click();
        BigDecimal expected = before.add(new BigDecimal("1234.5"));
        browser.until("the deposit of 1234.5", d -> DashboardBrowserTest.json(app.get("/api/budget").body())
                .path("total_deposited_eur").decimalValue().compareTo(expected) == 0);

        for (int width : List.of(1280, 390)) {
            browser.screenshot("dashboard-" + locale + "-" + width, width);
            long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
            assertTrue(overflow <= 0, locale + ": wider than the window by " + overflow + " px");
            assertEquals(List.of(), browser.lowContrastTexts(), locale + " at " + width + " px: text under WCAG AA");
        }
        List<String> problems = browser.consoleSince().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), problems, "console errors, warnings or CSP violations");
    }
}
