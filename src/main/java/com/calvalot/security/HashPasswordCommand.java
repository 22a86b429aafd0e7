package com.calvalot.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar calv-a-lot.jar hash-password} : lit un mot de passe (deux fois, sans écho, sur un
 * terminal ; sinon la première ligne de l'entrée standard) et imprime la valeur à mettre dans
 * API_PASSWORD_HASH. Mêmes règles que la page d'installation (au moins 10 caractères).
 */
public final class HashPasswordCommand {

    public static final String NAME = "hash-password";

    /** Le minimum de la page d'installation (setup.md) : un mot de passe fait ici la vaut. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    /** Une saisie masquée (la console), ou null si l'entrée est fermée. */
    @FunctionalInterface
    public interface Prompt {
        char[] read(String label);
    }

    private HashPasswordCommand() {
    }

    /** Le code de sortie : 0 si un hachage a été imprimé. */
    public static int run(Console console, InputStream stdin, PrintStream out, PrintStream err) {
        if (console != null) {
            return fromPrompt(console::readPassword, out, err);
        }
        String password;
        try {
            password = firstLine(stdin);
        } catch (IOException e) {
            err.println("calv-a-lot: cannot read the password: " + e.getMessage());
            return 1;
        }
        return hash(password == null ? null : password.toCharArray(), out, err);
    }

    /** Sur un terminal : deux saisies, qui doivent être identiques. */
    public static int fromPrompt(Prompt prompt, PrintStream out, PrintStream err) {
        char[] first = prompt.read("Password (at least " + MIN_PASSWORD_LENGTH + " characters): ");
        char[] again = first == null || first.length == 0 ? null : prompt.read("Again: ");
        try {
            if (first != null && first.length > 0 && !Arrays.equals(first, again)) {
                err.println("calv-a-lot: the two passwords differ; nothing was printed, run hash-password again");
                return 2;
            }
            return hash(first, out, err);
        } finally {
            wipe(first);
            wipe(again);
        }
    }

    private static int hash(char[] password, PrintStream out, PrintStream err) {
        if (password == null || password.length == 0) {
            err.println("calv-a-lot: no password given (type it, or pipe it on standard input)");
            return 2;
        }
        String text = new String(password);
        if (text.codePointCount(0, text.length()) < MIN_PASSWORD_LENGTH) {
            err.println("calv-a-lot: the password must have at least " + MIN_PASSWORD_LENGTH
                    + " characters (as on the setup page); nothing was printed");
            return 2;
        }
        out.println(WerkzeugHash.make(text));
        return 0;
    }

    private static String firstLine(InputStream stdin) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? null : line.replaceAll("\\r$", "");
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, ' ');
        }
    }
}
