package com.calvalot.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Le log de l'application démarrée dans le processus de test (slf4j-simple écrit sur System.err à
 * chaque ligne) : une copie gardée, la sortie d'origine toujours servie.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public LogCapture() {
        OutputStream both = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                copy.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** Combien de lignes contiennent {@code text}. */
    public long lines(String text) {
        return text().lines().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
