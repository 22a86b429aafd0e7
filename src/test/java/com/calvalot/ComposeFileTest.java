package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;

/**
 * docker-compose.yml tel que les gens l'ont (issue 38) : docker-compose 1.29 (le paquet de Debian 12
 * et de Raspberry Pi OS), podman-compose 1.0 (idem) et Compose v2 doivent le lire avec ou sans .env.
 * Les deux premiers sont lancés pour de vrai quand ils sont installés (.ci/run les installe) ; chaque
 * réglage de .env.example doit arriver au conteneur, et un réglage absent y arrive vide (son défaut).
 */
class ComposeFileTest {

    @TempDir
    Path dir;

    /** Ce que compose passe au conteneur : NOM → la valeur par défaut de « ${NOM:-défaut} ». */
    static Map<String, String> composeEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^      ([A-Z][A-Z0-9_]*): \\$\\{\\1:-([^}]*)\\}$")
                .matcher(Files.readString(Path.of("docker-compose.yml")));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    /** Les réglages que .env.example décrit (lignes NOM= et « # NOM= »). */
    static Set<String> envExampleNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]*)=").matcher(Files.readString(Path.of(".env.example")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everySettingOfEnvExampleReachesTheContainer() throws IOException {
        Set<String> expected = envExampleNames();
        // compose seul les lit (l'hôte), ou l'image les fixe (ses chemins)
        expected.removeAll(Set.of("CALVALOT_UID", "CALVALOT_GID", "CALVALOT_DATA", "DB_PATH", "ROUTES_DIR"));
        assertEquals(expected, new TreeSet<>(composeEnvironment().keySet()),
                "a setting added to .env.example must be added to docker-compose.yml's environment");
    }

    @Test
    void withoutEnvTheFollowerStartsOnItsDefaultsInSetupMode() throws IOException {
        Map<String, String> env = new HashMap<>(composeEnvironment());
        env.put("DB_PATH", dir.resolve("calvalot.db").toString());
        Settings settings = new ConfigurationSource(env, "test").load();
        assertFalse(settings.leaderConfigured(), "no LEADER_URL: setup mode");
        assertEquals(120, settings.pollIntervalSeconds());
        assertEquals(8080, settings.port());
        assertEquals("UTC", env.get("TZ"));
    }

    @Test
    void javaFlagsDefaultToTheImagesWhereverTheyAreWritten() throws IOException {
        String image = dockerfileJavaFlags();
        assertTrue(image.contains("-XX:+ExitOnOutOfMemoryError"), image);
        assertEquals(image, composeEnvironment().get("JAVA_FLAGS"), "docker-compose.yml's default");
        Matcher example = Pattern.compile("(?m)^# JAVA_FLAGS=(.*)$").matcher(Files.readString(Path.of(".env.example")));
        assertTrue(example.find(), ".env.example shows the default");
        assertEquals(image, example.group(1).trim(), "uncommenting .env.example's line must not lose a flag");
    }

    static String dockerfileJavaFlags() throws IOException {
        Matcher flags = Pattern.compile("JAVA_FLAGS=\"([^\"]*)\"").matcher(Files.readString(Path.of("Dockerfile")));
        assertTrue(flags.find(), "JAVA_FLAGS in the Dockerfile");
        return flags.group(1).trim();
    }

    @Test
    void debiansDockerCompose129ReadsItWithAndWithoutEnv() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose (Debian's package) is not installed");
        Files.copy(Path.of("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Result bare = run(List.of("docker-compose", "config"));
        assertEquals(0, bare.status, bare.output);
        assertFalse(bare.output.contains("WARNING"), bare.output);
        assertTrue(bare.output.contains("LEADER_URL: ' '"), bare.output);
        assertTrue(bare.output.contains("mem_limit: 192m"), bare.output);

        writeEnv();
        Result withEnv = run(List.of("docker-compose", "config"));
        assertEquals(0, withEnv.status, withEnv.output);
        assertTrue(withEnv.output.contains("LEADER_URL: http://leader.example:5000"), withEnv.output);
        // $ est écrit $$ par « config » : la valeur garde ses $ (entre apostrophes dans .env)
        assertTrue(withEnv.output.contains("API_PASSWORD_HASH: pbkdf2:sha256:600000$$salt$$hash"), withEnv.output);
        assertTrue(withEnv.output.contains("JAVA_FLAGS: -XX:+ExitOnOutOfMemoryError -Xmx96m"), withEnv.output);
    }

    @Test
    void debiansPodmanCompose10ReadsItWithAndWithoutEnv() throws Exception {
        assumeTrue(onPath("podman-compose"), "podman-compose (Debian's package) is not installed");
        Files.copy(Path.of("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        // podman-compose 1.0 n'a pas de « config » : --dry-run imprime la commande podman sans la lancer
        List<String> dryRun = List.of("podman-compose", "--dry-run", "up", "-d", "--no-build");
        Result bare = run(dryRun);
        assertEquals(0, bare.status, bare.output);
        assertFalse(bare.output.contains("Traceback"), bare.output);
        assertTrue(bare.output.contains("-e LEADER_URL= "), bare.output);
        assertFalse(bare.output.contains("${"), "every ${…} is replaced: " + bare.output);
        assertTrue(bare.output.contains("-m 192m"), bare.output);

        writeEnv();
        Result withEnv = run(dryRun);
        assertEquals(0, withEnv.status, withEnv.output);
        assertTrue(withEnv.output.contains("-e LEADER_URL=http://leader.example:5000"), withEnv.output);
        assertTrue(withEnv.output.contains("-e API_PASSWORD_HASH=pbkdf2:sha256:600000$salt$hash"), withEnv.output);
    }

    private void writeEnv() throws IOException {
        Files.writeString(dir.resolve(".env"), """
                LEADER_URL=http://leader.example:5000
                API_PASSWORD_HASH='pbkdf2:sha256:600000$salt$hash'
                JAVA_FLAGS=-XX:+ExitOnOutOfMemoryError -Xmx96m
                """);
    }

    private record Result(int status, String output) {
    }

    private Result run(List<String> command) throws Exception {
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Result(process.exitValue(), Files.readString(out));
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }
}
