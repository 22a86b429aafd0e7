package com.calvalot.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.RunningApp;

/** La page d'installation vue par un client HTTP : ses fichiers, la CSP, et qui y mène. */
class SetupPageTest {

    @TempDir
    Path dir;

    @Test
    void inSetupModeTheRootLeadsToAPageMadeOfOwnFilesOnly() {
        try (RunningApp app = RunningApp.start(RunningApp.setupEnv(dir))) {
            assertTrue(app.settings().setupMode());
            HttpResponse<String> root = app.get("/");
            assertEquals(302, root.statusCode());
            assertEquals("/setup", root.headers().firstValue("Location").orElse(""));
            HttpResponse<String> page = app.get("/setup");
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
            String html = page.body();
            assertTrue(html.contains("/assets/app.css"), "the dashboard's own look");
            Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
            int count = 0;
            while (refs.find()) {
                String ref = refs.group(1);
                if (ref.equals("/")) {
                    continue; // le lien vers le tableau de bord
                }
                assertTrue(ref.startsWith("/assets/"), "the page names a file outside the app: " + ref);
                assertEquals(200, app.get(ref).statusCode(), ref);
                count++;
            }
            assertEquals(4, count);
            assertFalse(html.contains("style="), "no inline style");
            assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find(), "no inline script");
            String script = app.get("/assets/setup.js").body();
            assertFalse(script.contains("innerHTML"), "messages are text, never HTML");
            assertEquals(405, app.send("POST", "/setup", "{}").statusCode());
        }
    }

    @Test
    void theDemoAndAConfiguredFollowerAreNotInSetupMode() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("DEMO", "true");
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals(200, app.get("/").statusCode());
            assertEquals("{\"configured\":true,\"setup_mode\":false}", app.get("/api/setup/status").body());
            assertEquals(302, app.get("/setup").statusCode());
            assertEquals(409, app.send("POST", "/api/setup/validate", "{}").statusCode());
        }
    }
}
