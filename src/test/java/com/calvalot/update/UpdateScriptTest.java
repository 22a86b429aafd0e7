package com.calvalot.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/update.sh (issues 29 et 38) avec un faux git et un faux docker (UpdateScript) : rien sans
 * drapeau, la mise à jour réussie avec sa copie de la base prise le suiveur arrêté avant que la
 * nouvelle image ne démarre, un nouveau conteneur malade (l'image, le commit et la base d'avant
 * remis), une copie impossible (l'ancienne version repart), docker-compose 1.29 sans « docker compose ».
 */
class UpdateScriptTest {

    @TempDir
    java.nio.file.Path dir;

    private UpdateScript script;

    @BeforeEach
    void fakes() throws Exception {
        script = new UpdateScript(dir);
        script.liveDatabase("live-db");
    }

    @Test
    void withoutTheFlagNothingIsDone() throws Exception {
        assertEquals(0, script.run());
        assertEquals(List.of(), script.calls());
        assertFalse(Files.exists(script.data.resolve("update.log")));
    }

    @Test
    void aRequestedUpdateCopiesTheStoppedDatabaseBeforeTheNewImageStartsThenWaitsUntilHealthy() throws Exception {
        script.requestUpdate();
        assertEquals(0, script.run(), script.out());
        List<String> calls = script.calls();
        assertEquals(List.of("docker compose version", "git rev-parse HEAD", "git status --porcelain --untracked-files=no",
                "git pull --ff-only", "git rev-parse HEAD",
                "docker image inspect calv-a-lot:latest", "docker image tag calv-a-lot:latest calv-a-lot:before-update",
                "docker compose build", "docker compose stop calvalot",
                "docker compose run --rm --no-deps -T calvalot copy-database /app/data/before-update.db",
                "docker compose up -d", "docker compose ps -q calvalot"),
                calls.subList(0, 12), String.join("\n", calls));
        assertTrue(calls.get(12).startsWith("docker inspect --format"), calls.get(12));
        assertEquals("copy of live-db\n", Files.readString(script.data.resolve("before-update.db")),
                "the copy stays until the next update");
        assertFalse(Files.exists(script.data.resolve("UPDATE_REQUESTED")), "the flag is removed once healthy");
        assertFalse(Files.exists(script.data.resolve(".update.lock")), "the lock is given back");
        String log = script.log();
        assertTrue(log.contains("update requested: latest=2.1.0 current=2.0.0"), log);
        assertTrue(log.contains("code: old1234 -> new5678"), log);
        assertTrue(log.contains("database copied to " + script.data.resolve("before-update.db")), log);
        assertTrue(log.contains("updated to new5678: healthy"), log);
    }

    @Test
    void anUnhealthyNewContainerIsRolledBackToThePreviousImageCommitAndDatabase() throws Exception {
        script.requestUpdate();
        assertEquals(1, script.run(Map.of("FAKE_HEALTH", "unhealthy")));
        List<String> calls = script.calls();
        int up = calls.indexOf("docker compose up -d");
        int rollback = calls.indexOf("docker image tag calv-a-lot:before-update calv-a-lot:latest");
        assertTrue(rollback > up, String.join("\n", calls));
        assertEquals("docker compose stop calvalot", calls.get(rollback - 1), "stopped before its database is put back");
        assertEquals("git reset --keep old1234", calls.get(rollback + 1));
        assertEquals("docker compose up -d --no-build", calls.get(rollback + 2));
        // la copie d'avant devient restore.db : l'ancienne image la met en place à son démarrage
        assertEquals("copy of live-db\n", Files.readString(script.data.resolve("restore.db")));
        assertFalse(Files.exists(script.data.resolve("before-update.db")));
        assertFalse(Files.exists(script.data.resolve("UPDATE_REQUESTED")));
        assertTrue(Files.exists(script.data.resolve("UPDATE_FAILED")), "set aside: the same version is not retried in a loop");
        String log = script.log();
        assertTrue(log.contains("container unhealthy"), log);
        assertTrue(log.contains("the database goes back to its copy from before the update"), log);
        assertTrue(log.contains("rolled back to the previous image (old1234): healthy"), log);
    }

    @Test
    void aContainerThatNeverBecomesHealthyIsRolledBackAfterTheTimeout() throws Exception {
        script.requestUpdate();
        assertEquals(1, script.run(Map.of("FAKE_HEALTH", "starting")));
        assertTrue(script.calls().contains("docker image tag calv-a-lot:before-update calv-a-lot:latest"));
        assertTrue(Files.exists(script.data.resolve("restore.db")));
        assertTrue(script.log().contains("container still starting after 1s"), script.log());
    }

    @Test
    void whenTheDatabaseCannotBeCopiedTheNewImageNeverStartsAndThePreviousOneRunsAgain() throws Exception {
        script.requestUpdate();
        assertEquals(1, script.run(Map.of("FAKE_COPY", "fail")));
        List<String> calls = script.calls();
        assertFalse(calls.contains("docker compose up -d"), String.join("\n", calls));
        int copy = calls.indexOf("docker compose run --rm --no-deps -T calvalot copy-database /app/data/before-update.db");
        assertEquals(List.of("docker image tag calv-a-lot:before-update calv-a-lot:latest", "git reset --keep old1234",
                "docker compose up -d --no-build"), calls.subList(copy + 1, copy + 4));
        assertFalse(Files.exists(script.data.resolve("before-update.db")));
        assertFalse(Files.exists(script.data.resolve("restore.db")), "nothing to restore: the database was never handed over");
        assertTrue(Files.exists(script.data.resolve("UPDATE_FAILED")));
        assertTrue(script.log().contains("could not copy the database before the update"), script.log());
        assertTrue(script.log().contains("cannot copy the database: disk full"), script.log());
    }

    @Test
    void aFirstInstallWithoutADatabaseUpdatesWithoutACopy() throws Exception {
        Files.delete(script.data.resolve("calvalot.db"));
        script.requestUpdate();
        assertEquals(0, script.run(), script.out());
        assertFalse(Files.exists(script.data.resolve("before-update.db")));
        assertTrue(script.log().contains("no database yet: nothing to copy"), script.log());
    }

    @Test
    void debiansDockerCompose129IsUsedWhenDockerHasNoComposePlugin() throws Exception {
        script.install("docker-compose");
        script.requestUpdate();
        assertEquals(0, script.run(Map.of("FAKE_NO_PLUGIN", "1")), script.out());
        List<String> calls = script.calls();
        assertTrue(calls.containsAll(List.of("docker-compose build", "docker-compose stop calvalot",
                "docker-compose run --rm --no-deps -T calvalot copy-database /app/data/before-update.db",
                "docker-compose up -d", "docker-compose ps -q calvalot")), String.join("\n", calls));
        assertTrue(script.log().contains("updated to new5678: healthy"), script.log());
    }
}
