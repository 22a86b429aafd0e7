package com.calvalot;

import java.io.PrintStream;

import com.calvalot.security.HashPasswordCommand;

/** L'aide de la ligne de commande : les sous-commandes, et où sont les réglages. */
final class Usage {

    static final String TEXT = """
            Usage: java -jar calv-a-lot.jar [command]

              (no command)    start the follower: dashboard and API on PORT (default 8080)
              %s   print a hash for API_PASSWORD_HASH (asks twice on a terminal,
                              or reads one line from standard input; at least %d characters)
              copy-database FILE
                              write a consistent copy of the database (DB_PATH) to FILE, as the
                              nightly backup does (scripts/update.sh takes one before an update)
              --help, -h      show this help

            Settings are environment variables (listed with a comment each in .env.example, see
            docs/configuration.md), or keys of config.json next to the database, written by the
            setup page. With Docker:
              docker compose up -d                               start (settings in .env)
              docker compose run --rm calvalot hash-password     make a password hash
            """.formatted(HashPasswordCommand.NAME, HashPasswordCommand.MIN_PASSWORD_LENGTH);

    private Usage() {
    }

    /** Un argument inconnu tel que tapé, sur une ligne et court (jamais un pavé collé par erreur). */
    static String shown(String argument) {
        String line = argument.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    static void print(PrintStream to) {
        to.print(TEXT);
    }
}
