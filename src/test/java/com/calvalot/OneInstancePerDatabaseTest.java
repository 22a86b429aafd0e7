package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;

/**
 * Deux suiveurs sur la même base (un conteneur et un java -jar, sur deux ports) copieraient chacun le
 * même signal : le second s'arrête, code 2, une ligne qui dit pourquoi ; le premier continue. Une fois
 * le premier arrêté (même par kill -9), la base est libre.
 */
class OneInstancePerDatabaseTest {

    @TempDir
    Path dir;

    private static boolean answers(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aSecondFollowerOnTheSameDatabaseStopsWithOneLineAndStatus2() {
        Map<String, String> first = RunningApp.env(dir);
        Map<String, String> second = RunningApp.env(dir);
        assertTrue(!first.get("PORT").equals(second.get("PORT")), "two ports");
        try (ChildProcess running = ChildProcess.start(first, dir.resolve("logs-1"))) {
            Await.until("the first follower", Duration.ofSeconds(60), () -> answers(Integer.parseInt(first.get("PORT"))));
            try (ChildProcess other = ChildProcess.start(second, dir.resolve("logs-2"))) {
                assertEquals(2, other.waitForExit(Duration.ofSeconds(30)));
                List<String> lines = other.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(List.of("calv-a-lot: cannot start: another Calv-a-lot is already using the database "
                        + dir.resolve("calvalot.db").toAbsolutePath().normalize() + " (DB_PATH): stop it first"), lines, other.stderr());
            }
            assertTrue(answers(Integer.parseInt(first.get("PORT"))), "the first one still runs");
            running.kill();
        }
        // kill -9 : le système rend le verrou, la base se rouvre
        try (ChildProcess again = ChildProcess.start(second, dir.resolve("logs-3"))) {
            Await.until("a follower on the freed database", Duration.ofSeconds(60), () -> answers(Integer.parseInt(second.get("PORT"))));
        }
    }
}
