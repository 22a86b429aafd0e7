package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.support.ChildProcess;

/**
 * Ce que copie un nouveau venu (.env.example) et ce que construit Docker (Dockerfile) : lus tels
 * qu'ils sont livrés, sans moteur Docker.
 */
class ShippedFilesTest {

    /** Les lignes NOM=valeur de .env.example, comme docker compose les lit (commentaires écartés). */
    static Map<String, String> envExample() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$").matcher(line);
            if (m.matches()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    @Test
    void aCopiedEnvExampleKeepsTheDemosFiveSecondPollAndStartsInSetupMode() throws IOException {
        Map<String, String> env = envExample();
        env.put("DEMO", "true");
        Settings demo = new ConfigurationSource(env, "test").load();
        assertEquals(5, demo.pollIntervalSeconds(), "POLL_INTERVAL_SECONDS copied from .env.example must not override the demo");

        env.put("DEMO", "false");
        env.put("DB_PATH", Files.createTempDirectory("calvalot-env").resolve("calvalot.db").toString());
        Settings plain = new ConfigurationSource(env, "test").load();
        assertEquals(120, plain.pollIntervalSeconds());
        assertFalse(plain.leaderConfigured(), "empty LEADER_URL: setup mode");
    }

    @Test
    void envExampleSaysWhatEmptyLeaderUrlDoesAndHowToQuoteTheHash() throws IOException {
        String text = Files.readString(Path.of(".env.example"));
        assertFalse(text.contains("updater"), "there is no updater");
        assertFalse(text.contains("Empty: the poller stays idle"), "empty LEADER_URL means setup mode");
        assertTrue(text.contains("docker compose run --rm calvalot hash-password"), text);
        assertTrue(text.contains("API_PASSWORD_HASH='pbkdf2:sha256:"), "the hash in single quotes");
    }

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
