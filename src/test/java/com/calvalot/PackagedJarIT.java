package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;

/**
 * Le jar livré (target/calv-a-lot.jar) lancé comme dans le conteneur : mêmes options JVM, même
 * mémoire maximale. Attrape ce que les tests en processus ne voient pas (un composant Camel absent
 * du jar, des services mal fusionnés par le shade).
 */
class PackagedJarIT {

    @TempDir
    Path dir;

    @Test
    void theShippedJarStartsWithTheContainerFlagsAndAnswersHealth() {
        Map<String, String> env = RunningApp.env(dir);
        try (ChildProcess app = ChildProcess.startJar(env, dir.resolve("logs"))) {
            HttpResponse<String> health = awaitHealth(env.get("PORT"), app);
            assertEquals("{\"status\":\"ok\",\"service\":\"calvalot\"}", health.body());
            app.terminate();
            assertEquals(143, app.waitForExit(Duration.ofSeconds(30)));
            assertTrue(!app.stderr().contains("Exception"), app.stderr());
        }
    }

    /** Raspberry Pi OS 64 et 32 bits (Pi 2 et plus) comme un PC : la bibliothèque SQLite de chacun est dans le jar. */
    @Test
    void theJarHoldsSqliteForEverySupportedLinux() throws Exception {
        try (ZipFile jar = new ZipFile(Path.of("target", "calv-a-lot.jar").toFile())) {
            for (String arch : new String[] {"x86_64", "aarch64", "armv7"}) {
                String entry = "org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so";
                assertNotNull(jar.getEntry(entry), entry);
            }
        }
    }

    static HttpResponse<String> awaitHealth(String port, ChildProcess app) {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        Await.until("/health to answer 200 (stderr: " + app.stderr() + ")", Duration.ofSeconds(60), () -> {
            if (!app.isAlive()) {
                throw new AssertionError("the jar exited: " + app.stderr());
            }
            try {
                last[0] = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
                return last[0].statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        return last[0];
    }
}
