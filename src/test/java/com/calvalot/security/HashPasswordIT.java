package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@code java -jar target/calv-a-lot.jar hash-password} : le mot de passe sur l'entrée standard, le hachage sur la sortie. */
class HashPasswordIT {

    @Test
    void theJarMakesAHashTheAppAccepts() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", Path.of("target", "calv-a-lot.jar").toAbsolutePath().toString(),
                "hash-password").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write("correct horse battery\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        String hash = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(hash.startsWith("pbkdf2:sha256:600000$"), hash);
        assertTrue(WerkzeugHash.parse(hash).matches("correct horse battery"));
    }

    @Test
    void aShortPasswordIsRefusedWithOneLine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", Path.of("target", "calv-a-lot.jar").toAbsolutePath().toString(),
                "hash-password").start();
        try (OutputStream in = process.getOutputStream()) {
            in.write("short\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("calv-a-lot: the password must have at least 10 characters (as on the setup page); nothing was printed",
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
