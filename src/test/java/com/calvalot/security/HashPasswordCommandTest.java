package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

/** hash-password : deux saisies identiques, 10 caractères au moins, un seul message clair sinon. */
class HashPasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int typed(String... entries) {
        Deque<String> left = new ArrayDeque<>(List.of(entries));
        return HashPasswordCommand.fromPrompt(label -> left.isEmpty() ? null : left.pop().toCharArray(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void twoEqualEntriesPrintAHashTheAppAccepts() {
        assertEquals(0, typed("correct horse", "correct horse"));
        assertTrue(WerkzeugHash.parse(out.toString(StandardCharsets.UTF_8).trim()).matches("correct horse"));
        assertEquals(List.of(), errLines());
    }

    @Test
    void twoDifferentEntriesSayItOnceAndPrintNothing() {
        assertEquals(2, typed("correct horse", "correct h0rse"));
        assertEquals(List.of("calv-a-lot: the two passwords differ; nothing was printed, run hash-password again"), errLines());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSetupPagesMinimumApplies() {
        assertEquals(2, typed("short", "short"));
        assertEquals(List.of("calv-a-lot: the password must have at least 10 characters (as on the setup page); nothing was printed"),
                errLines());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nothingTypedSaysSo() {
        assertEquals(2, typed(""));
        assertEquals(List.of("calv-a-lot: no password given (type it, or pipe it on standard input)"), errLines());
    }

    @Test
    void aPipedPasswordFollowsTheSameMinimum() {
        int status = HashPasswordCommand.run(null, new ByteArrayInputStream("too short\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals(1, errLines().size(), errLines().toString());
    }
}
