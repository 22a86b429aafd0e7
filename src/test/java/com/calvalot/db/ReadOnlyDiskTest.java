package com.calvalot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;

/**
 * Le dossier de la base sur un disque monté en lecture seule (une carte SD qui lâche, issue 38) : le
 * suiveur le dit, et renvoie aux sauvegardes, au lieu de conseiller un chown qui n'y ferait rien.
 * Un vrai système de fichiers en lecture seule (tmpfs monté « ro »), dans un espace de montage à
 * part (unshare) : rien ne reste monté sur la machine. Il faut root (comme en CI) ; sinon, sauté.
 */
class ReadOnlyDiskTest {

    @TempDir
    Path dir;

    @Test
    void aDataFolderOnAReadOnlyDiskSaysSoAndPointsToTheBackupsNotToChown() throws Exception {
        assumeTrue(canMountPrivately(), "needs root and unshare -m to mount a read-only disk");
        Path disk = dir.resolve("sd-card");
        Files.createDirectories(disk);
        Map<String, String> env = RunningApp.env(disk.resolve("data"));
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                // la carte remontée en lecture seule, son dossier data compris
                "mount -t tmpfs -o size=1m tmpfs \"$0\" && mkdir \"$0/data\" && mount -o remount,ro \"$0\" && exec \"$@\"",
                disk.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ChildProcess.CONTAINER_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.calvalot.CalvALot"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        Process app = builder.start();
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the follower did not stop");
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();

        assertEquals(1, app.exitValue(), stderr);
        assertEquals(1, lines.size(), stderr);
        assertTrue(lines.get(0).startsWith("calv-a-lot: cannot start: DB_PATH (" + disk.resolve("data").resolve("calvalot.db")
                + "): the disk holding " + disk.resolve("data") + " is read-only"), lines.get(0));
        assertTrue(lines.get(0).contains("an SD card that is failing"), lines.get(0));
        assertTrue(lines.get(0).contains("docs/backups-and-updates.md"), lines.get(0));
        assertFalse(lines.get(0).contains("chown"), lines.get(0));
        assertFalse(lines.get(0).contains("CALVALOT_UID"), lines.get(0));
    }

    private static boolean canMountPrivately() {
        try {
            Process probe = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                    "d=$(mktemp -d) && mount -t tmpfs -o ro,size=4k tmpfs \"$d\"; s=$?; umount \"$d\" 2>/dev/null; rmdir \"$d\"; exit $s")
                    .redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
