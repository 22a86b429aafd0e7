package com.calvalot.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/update.sh (issue 29, point 4) avec un faux git et un faux docker en tête du PATH, qui
 * notent leurs appels : rien sans drapeau, la mise à jour réussie, un pull refusé (pas d'avance
 * rapide), un nouveau conteneur malade (retour à l'image et au commit d'avant).
 */
class UpdateScriptTest {

    private static final Path SCRIPT = Path.of("scripts", "update.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private Path fakes;
    private Path data;

    @BeforeEach
    void fakes() throws IOException {
        fakes = dir.resolve("bin");
        Files.createDirectories(fakes);
        for (String tool : List.of("git", "docker")) {
            Path fake = fakes.resolve(tool);
            Files.copy(Path.of("src/test/resources/update-fakes", tool), fake);
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        data = dir.resolve("data");
        Files.createDirectories(data);
    }

    private void requestUpdate() throws IOException {
        Files.writeString(data.resolve("UPDATE_REQUESTED"), "latest=2.1.0\ncurrent=2.0.0\n");
    }

    private int run(Map<String, String> extra) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("out.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("PATH", fakes + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("FAKE_DIR", dir.toString());
        env.put("CALVALOT_REPO", dir.toString());
        env.put("CALVALOT_DATA", data.toString());
        env.put("CALVALOT_HEALTH_TIMEOUT", "1");
        env.put("CALVALOT_HEALTH_POLL", "0.2");
        env.putAll(extra);
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script did not finish");
        return process.exitValue();
    }

    private List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String log() throws IOException {
        Path log = data.resolve("update.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void withoutTheFlagNothingIsDone() throws Exception {
        assertEquals(0, run(Map.of()));
        assertEquals(List.of(), calls());
        assertFalse(Files.exists(data.resolve("update.log")));
    }

    @Test
    void aRequestedUpdatePullsBuildsStartsAndWaitsUntilHealthy() throws Exception {
        requestUpdate();
        assertEquals(0, run(Map.of()), Files.readString(dir.resolve("out.txt")));
        List<String> calls = calls();
        assertEquals(List.of("git rev-parse HEAD", "git pull --ff-only", "git rev-parse HEAD",
                "docker image inspect calv-a-lot:latest", "docker image tag calv-a-lot:latest calv-a-lot:before-update",
                "docker compose build", "docker compose up -d", "docker compose ps -q calvalot"),
                calls.subList(0, 8), String.join("\n", calls));
        assertTrue(calls.get(8).startsWith("docker inspect --format"), calls.get(8));
        assertFalse(Files.exists(data.resolve("UPDATE_REQUESTED")), "the flag is removed once healthy");
        String log = log();
        assertTrue(log.contains("update requested: latest=2.1.0 current=2.0.0"), log);
        assertTrue(log.contains("code: old1234 -> new5678"), log);
        assertTrue(log.contains("updated to new5678: healthy"), log);
    }

    @Test
    void aPullThatIsNotAFastForwardChangesNothing() throws Exception {
        requestUpdate();
        assertEquals(1, run(Map.of("FAKE_PULL", "refused")));
        assertEquals(List.of("git rev-parse HEAD", "git pull --ff-only"), calls());
        assertTrue(Files.exists(data.resolve("UPDATE_REQUESTED")), "the flag is kept for a person to look at");
        assertTrue(log().contains("git pull --ff-only failed"), log());
        assertTrue(log().contains("Not possible to fast-forward"), log());
    }

    @Test
    void anUnhealthyNewContainerIsRolledBackToThePreviousImageAndCommit() throws Exception {
        requestUpdate();
        assertEquals(1, run(Map.of("FAKE_HEALTH", "unhealthy")));
        List<String> calls = calls();
        int rollback = calls.indexOf("docker image tag calv-a-lot:before-update calv-a-lot:latest");
        assertTrue(rollback > calls.indexOf("docker compose up -d"), String.join("\n", calls));
        assertEquals("git reset --keep old1234", calls.get(rollback + 1));
        assertEquals("docker compose up -d --no-build", calls.get(rollback + 2));
        assertFalse(Files.exists(data.resolve("UPDATE_REQUESTED")));
        assertTrue(Files.exists(data.resolve("UPDATE_FAILED")), "set aside: the same version is not retried in a loop");
        String log = log();
        assertTrue(log.contains("container unhealthy"), log);
        assertTrue(log.contains("rolled back to the previous image (old1234): healthy"), log);
    }

    @Test
    void aContainerThatNeverBecomesHealthyIsRolledBackAfterTheTimeout() throws Exception {
        requestUpdate();
        assertEquals(1, run(Map.of("FAKE_HEALTH", "starting")));
        assertTrue(calls().contains("docker image tag calv-a-lot:before-update calv-a-lot:latest"));
        assertTrue(log().contains("container still starting after 1s"), log());
    }
}
