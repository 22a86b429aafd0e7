package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.calvalot.support.ChildProcess;

/**
 * Ce que copie un nouveau venu (.env.example) et ce que construit Docker (Dockerfile) : lus tels
 * qu'ils sont livrés, sans moteur Docker.
 */
class ShippedFilesTest {

    @Test
    void theImagesMemoryTuningHoldsNoMandatoryFlag() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher flags = Pattern.compile("JAVA_FLAGS=\"([^\"]*)\"").matcher(dockerfile);
        assertTrue(flags.find(), "JAVA_FLAGS in the Dockerfile");
        List<String> tuning = Arrays.asList(flags.group(1).trim().split("\\s+"));
        assertEquals(ChildProcess.CONTAINER_FLAGS, tuning, "the tests run the app with the image's flags");
        assertTrue(tuning.stream().noneMatch(f -> f.startsWith("-D")), "a user who changes JAVA_FLAGS must not lose a -D");
        String entrypoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElse("");
        assertTrue(entrypoint.contains("-Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so"), entrypoint);
        assertTrue(entrypoint.contains("$JAVA_FLAGS"), entrypoint);
    }

    /** uname -m dit aarch64 ou armv7l (jamais arm64) : chaque cas mène à un dossier du jar, le reste est refusé. */
    @Test
    void theImageFindsTheSqliteLibraryOfEverySupportedMachine() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("x86_64) arch=x86_64 ;;"), "x86_64");
        assertTrue(dockerfile.contains("aarch64) arch=aarch64 ;;"), "64-bit Raspberry Pi OS");
        assertTrue(dockerfile.contains("armv7l|armv8l) arch=armv7 ;;"), "32-bit Raspberry Pi OS");
        assertTrue(dockerfile.contains("*) echo \"calv-a-lot: cannot build for $(uname -m)"), "anything else: one clear line");
        assertFalse(dockerfile.contains("arm64) arch"), "uname -m never says arm64 on Linux");
    }
}
