package com.calvalot.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ce qui arrête scripts/update.sh avant qu'il ne touche au conteneur (issue 38) : un pull refusé
 * (changements ou commits locaux) est dit une fois avec son remède, puis le minuteur se tait tant
 * que rien ne change ; le verrou d'un passage tué (coupure de courant) ou trop vieux est repris,
 * celui d'un passage vivant est respecté.
 */
class UpdateBlockedTest {

    @TempDir
    Path dir;

    private UpdateScript script;

    @BeforeEach
    void fakes() throws Exception {
        script = new UpdateScript(dir);
        script.liveDatabase("live-db");
        script.requestUpdate();
    }

    @Test
    void localChangesAreSaidOnceWithTheirRemedyThenTheTimerStaysQuietUntilTheyChange() throws Exception {
        script.dirty(" M docker-compose.yml\n");
        assertEquals(1, script.run());
        String first = script.log();
        assertTrue(first.contains("update blocked: local changes in docker-compose.yml"), first);
        assertTrue(first.contains("git -C " + dir + " stash"), first);
        assertTrue(first.contains("git -C " + dir + " checkout -- docker-compose.yml"), first);
        assertTrue(first.contains("docker-compose.override.yml"), first);
        assertTrue(first.contains("Your local changes to the following files would be overwritten"), first);
        assertTrue(Files.exists(script.data.resolve("UPDATE_REQUESTED")), "the flag is kept");
        assertFalse(script.calls().stream().anyMatch(c -> c.startsWith("docker image") || c.startsWith("docker compose build")),
                "the container is never touched");

        for (int run = 0; run < 3; run++) {
            assertEquals(0, script.run());
        }
        assertEquals(first, script.log(), "nothing more while nothing changed");

        script.dirty(" M docker-compose.yml\n M routes/poll.camel.yaml\n");
        assertEquals(1, script.run());
        assertTrue(script.log().substring(first.length()).contains("routes/poll.camel.yaml"), script.log());

        script.dirty(null);
        assertEquals(0, script.run(), script.out());
        assertTrue(script.log().contains("updated to new5678: healthy"), script.log());
        assertFalse(Files.exists(script.data.resolve(".update.blocked")));
    }

    @Test
    void aRefusedFastForwardIsSaidOnceAndAgainForANewRequest() throws Exception {
        assertEquals(1, script.run(Map.of("FAKE_PULL", "refused")));
        String first = script.log();
        assertTrue(first.contains("update blocked: git pull --ff-only failed"), first);
        assertTrue(first.contains("Not possible to fast-forward"), first);
        assertTrue(first.contains("reset --keep @{upstream}"), first);
        assertEquals(0, script.run(Map.of("FAKE_PULL", "refused")));
        assertEquals(first, script.log());
        Files.writeString(script.data.resolve("UPDATE_REQUESTED"), "latest=2.2.0\ncurrent=2.0.0\n");
        assertEquals(1, script.run(Map.of("FAKE_PULL", "refused")));
        assertTrue(script.log().length() > first.length(), "a new version requested: said again");
    }

    @Test
    void theLockOfARunThatHasEndedIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        lock(gone.pid() + " " + bootId(), Instant.now());
        assertEquals(0, script.run(), script.out());
        assertTrue(script.log().contains("took over a left-over update lock (its run (pid " + gone.pid() + ") has ended)"),
                script.log());
        assertTrue(script.log().contains("updated to new5678: healthy"), script.log());
        assertFalse(Files.exists(script.data.resolve(".update.lock")));
    }

    @Test
    void theLockOfARunBeforeARestartIsTakenOver() throws Exception {
        lock(ProcessHandle.current().pid() + " another-boot", Instant.now());
        assertEquals(0, script.run(), script.out());
        assertTrue(script.log().contains("was before the machine restarted"), script.log());
    }

    @Test
    void aLockOlderThanTheLongestUpdateIsTakenOverEvenIfItsPidIsAlive() throws Exception {
        lock(ProcessHandle.current().pid() + " " + bootId(), Instant.now().minusSeconds(7300));
        assertEquals(0, script.run(), script.out());
        assertTrue(script.log().contains("longer than any update (CALVALOT_LOCK_MAX_AGE=7200)"), script.log());
    }

    @Test
    void theLockOfARunStillGoingIsRespected() throws Exception {
        lock(ProcessHandle.current().pid() + " " + bootId(), Instant.now());
        assertEquals(0, script.run());
        assertEquals(List.of("another update is running: nothing done"),
                script.log().lines().map(line -> line.substring(line.indexOf(' ') + 1)).toList());
        assertFalse(script.calls().stream().anyMatch(c -> c.startsWith("git")), String.join("\n", script.calls()));
        assertTrue(Files.exists(script.data.resolve(".update.lock").resolve("owner")), "someone else's lock is left alone");
    }

    private void lock(String owner, Instant at) throws Exception {
        Path lock = script.data.resolve(".update.lock");
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("owner"), owner + "\n");
        Files.setLastModifiedTime(lock, FileTime.from(at));
    }

    private static String bootId() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
    }
}
