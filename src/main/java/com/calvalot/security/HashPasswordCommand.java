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
 * {@code java -jar calv-a-lot.jar hash-password} : lit un mot de passe (console sans écho, sinon
 * la première ligne de l'entrée standard) et imprime la valeur à mettre dans API_PASSWORD_HASH.
 */
public final class HashPasswordCommand {

    public static final String NAME = "hash-password";

    private HashPasswordCommand() {
    }

    /** Le code de sortie : 0 si un hachage a été imprimé. */
    public static int run(Console console, InputStream stdin, PrintStream out, PrintStream err) {
        String password;
        try {
            password = console != null ? fromConsole(console) : fromStdin(stdin);
        } catch (IOException e) {
            err.println("calv-a-lot: cannot read the password: " + e.getMessage());
            return 1;
        }
        if (password == null || password.isEmpty()) {
            err.println("calv-a-lot: no password given (type it, or pipe it on standard input)");
            return 2;
        }
        out.println(WerkzeugHash.make(password));
        return 0;
    }

    private static String fromConsole(Console console) {
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                console.printf("The two passwords differ.%n");
                return null;
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (again != null) {
                Arrays.fill(again, ' ');
            }
        }
    }

    private static String fromStdin(InputStream stdin) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? null : line.replaceAll("\\r$", "");
    }
}
