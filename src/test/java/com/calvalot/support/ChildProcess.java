package com.calvalot.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * L'application dans un vrai processus JVM fils (même classpath que les tests), pour ce qui ne se
 * voit que de l'extérieur : code de sortie, ligne d'erreur, SIGTERM, kill -9.
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Les options JVM du conteneur (Dockerfile, JAVA_FLAGS), sans le chemin de la lib native. */
    public static final List<String> CONTAINER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xms16m", "-Xmx64m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=32m");

    /** Lance {@code com.calvalot.CalvALot} (classes des tests) avec exactement cet environnement (plus PATH). */
    public static ChildProcess start(Map<String, String> env, Path logDir, String... args) {
        return start(env, logDir, List.of(), args);
    }

    /** Idem, avec des options JVM en plus (des propriétés système de test, par exemple). */
    public static ChildProcess start(Map<String, String> env, Path logDir, List<String> jvmFlags, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(CONTAINER_FLAGS);
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.calvalot.CalvALot"));
        command.addAll(List.of(args));
        return launch(command, env, logDir);
    }

    /** Lance le jar livré, target/calv-a-lot.jar, avec les options JVM du conteneur. */
    public static ChildProcess startJar(Map<String, String> env, Path logDir, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(CONTAINER_FLAGS);
        command.addAll(List.of("-jar", Path.of("target", "calv-a-lot.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return launch(command, env, logDir);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ChildProcess launch(List<String> command, Map<String, String> env, Path logDir) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logDir);
            Path out = Files.createTempFile(logDir, "stdout", ".log");
            Path err = Files.createTempFile(logDir, "stderr", ".log");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            return new ChildProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the process did not exit within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, comme docker stop. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL, comme kill -9 ou une coupure. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
