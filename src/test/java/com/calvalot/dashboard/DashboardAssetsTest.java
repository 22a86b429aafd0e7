package com.calvalot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.RunningApp;

/** La page et ses fichiers vus par un client HTTP : types, cache, CSP, chemins refusés. */
class DashboardAssetsTest {

    @TempDir
    static Path dir;

    static RunningApp app;

    @BeforeAll
    static void start() {
        java.util.Map<String, String> env = RunningApp.env(dir);
        // un leader réglé (port fermé) : sans lui, / mènerait à la page d'installation (setup.md)
        env.put("LEADER_URL", "http://127.0.0.1:9");
        env.put("SIGNAL_SECRET", "unused-secret");
        env.put("POLL_INTERVAL_SECONDS", "3600");
        app = RunningApp.start(env);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void thePageIsServedAtTheRootWithTheStrictPolicy() {
        HttpResponse<String> page = app.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(page.body().contains("<title>Calv-a-lot</title>"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("private, no-cache", page.headers().firstValue("Cache-Control").orElse(""));
    }

    /** Chaque fichier que la page cite existe, avec le bon type ; aucun n'est pris ailleurs. */
    @Test
    void everyFileThePageNamesIsServedFromTheApp() {
        String page = app.get("/").body();
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            if (ref.equals("/api/trades.csv")) {
                // le lien de téléchargement de l'export : servi par l'app elle-même
                assertEquals("text/csv; charset=utf-8", app.get(ref).headers().firstValue("Content-Type").orElse(""));
                continue;
            }
            if (ref.equals("/api/backup")) {
                // le téléchargement d'une copie de la base (api.md) : servi par l'app elle-même
                assertEquals("application/vnd.sqlite3", app.get(ref).headers().firstValue("Content-Type").orElse(""));
                continue;
            }
            assertTrue(ref.startsWith("/assets/"), "the page names a file outside the app: " + ref);
            HttpResponse<String> file = app.get(ref);
            assertEquals(200, file.statusCode(), ref);
            String type = file.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith(ref.endsWith(".js") ? "text/javascript" : ref.endsWith(".css") ? "text/css" : "image/"), ref + " " + type);
            count++;
        }
        assertTrue(count >= 4, "page refs: " + count);
        assertFalse(page.contains("style="), "inline styles are refused by the CSP");
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page).find(), "inline scripts are refused by the CSP");
    }

    @Test
    void scriptsAreRevalidatedAndTheVendoredLibraryIsCachedForGood() {
        HttpResponse<String> script = app.get("/assets/app.js");
        assertEquals("private, no-cache", script.headers().firstValue("Cache-Control").orElse(""));
        String etag = script.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = app.send(HttpRequest.newBuilder(app.uri("/assets/app.js")).header("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        HttpResponse<String> vendor = app.get("/assets/vendor/uplot-1.6.32/uPlot.iife.min.js");
        assertEquals(200, vendor.statusCode());
        assertTrue(vendor.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        assertEquals(200, app.get("/assets/vendor/uplot-1.6.32/LICENSE.txt").statusCode());
    }

    @Test
    void unknownOrEscapingPathsAnswer404Json() {
        for (String path : List.of("/assets/nope.js", "/assets/", "/assets/..%2F..%2Fcom/calvalot/AppBeans.class",
                "/assets/%2e%2e/%2e%2e/application.properties", "/assets/.hidden.js", "/assets/app.js%00.css",
                "/assets/../../calvalot-version.properties", "/assets/vendor/../../index.html", "/assets/app.class")) {
            HttpResponse<String> answer = app.get(path);
            assertEquals(404, answer.statusCode(), path);
            assertEquals("{\"error\":\"not found\"}", answer.body(), path);
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""), path);
        }
    }

    @Test
    void onlyGetIsAllowed() {
        assertEquals(405, app.send("POST", "/", "{}").statusCode());
        assertEquals(405, app.send("DELETE", "/assets/app.js", null).statusCode());
    }

    @Test
    void safePathsAreTheOnlyOnesLookedUp() {
        assertTrue(StaticAssets.isSafe("assets/vendor/uplot-1.6.32/uPlot.min.css"));
        for (String bad : List.of("assets/../x.js", "assets//x.js", "/assets/x.js", "assets/.x.js", "assets/x.js/",
                "assets\\x.js", "assets/x y.js", "assets/x.js\0")) {
            assertFalse(StaticAssets.isSafe(bad), bad);
        }
    }
}
