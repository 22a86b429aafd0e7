package com.calvalot.update;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * scripts/update.sh lancé avec un faux git et un faux docker en tête du PATH (src/test/resources/
 * update-fakes), qui notent leurs appels dans {@code <dir>/calls} : le dossier de données est
 * {@code <dir>/data}, monté en /app/data pour le faux compose.
 */
final class UpdateScript {

    private static final Path SCRIPT = Path.of("scripts", "update.sh").toAbsolutePath();

    final Path dir;
    final Path fakes;
    final Path data;

    UpdateScript(Path dir) throws IOException {
        this.dir = dir;
        this.fakes = dir.resolve("bin");
        this.data = dir.resolve("data");
        Files.createDirectories(fakes);
        Files.createDirectories(data);
        for (String tool : List.of("git", "docker", "fake-compose")) {
            install(tool);
        }
    }

    /** Un faux de plus sur le PATH (docker-compose, le paquet de Debian 12). */
    void install(String tool) throws IOException {
        Path fake = fakes.resolve(tool);
        Files.copy(Path.of("src/test/resources/update-fakes", tool), fake);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void requestUpdate() throws IOException {
        Files.writeString(data.resolve("UPDATE_REQUESTED"), "latest=2.1.0\ncurrent=2.0.0\n");
    }

    /** La base « vivante » du faux : la copie prise par le faux compose en reprend le texte. */
    void liveDatabase(String content) throws IOException {
        Files.writeString(data.resolve("calvalot.db"), content);
    }

    /** Des changements locaux (« git status --porcelain ») : le faux pull les refuse. */
    void dirty(String porcelain) throws IOException {
        if (porcelain == null) {
            Files.deleteIfExists(dir.resolve("dirty"));
        } else {
            Files.writeString(dir.resolve("dirty"), porcelain);
        }
    }

    int run() throws Exception {
        return run(Map.of());
    }

    int run(Map<String, String> extra) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.txt").toFile()));
        Map<String, String> env = builder.environment();
        Map<String, String> keep = new HashMap<>(env);
        env.clear();
        // le PATH du système sans un vrai docker-compose : seuls les faux répondent
        env.put("PATH", fakes + ":/usr/bin:/bin");
        env.put("HOME", keep.getOrDefault("HOME", dir.toString()));
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

    List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    void forgetCalls() throws IOException {
        Files.deleteIfExists(dir.resolve("calls"));
    }

    String log() throws IOException {
        Path log = data.resolve("update.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    String out() throws IOException {
        Path out = dir.resolve("out.txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }
}
