package com.calvalot.backup;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.calvalot.config.Settings;
import com.calvalot.db.DatabaseCopy;

/**
 * {@code java -jar calv-a-lot.jar copy-database <file>} : une copie cohérente de la base (DB_PATH), par
 * le même moyen que la copie de la nuit ({@code VACUUM INTO}, vérifiée, écrite sous un nom temporaire
 * puis renommée, en 0600). scripts/update.sh la prend, le suiveur arrêté, avant qu'une nouvelle version
 * ne démarre (et peut-être ne migre) la base ; il la remet en restore.db s'il revient en arrière.
 * La base n'est ni migrée ni verrouillée : la commande ne fait que lire.
 */
public final class CopyDatabaseCommand {

    public static final String NAME = "copy-database";

    private CopyDatabaseCommand() {
    }

    /** Le code de sortie : 0 si la copie est écrite, ou s'il n'y a pas encore de base (rien à copier). */
    public static int run(Map<String, String> env, String target, PrintStream out, PrintStream err) {
        String configured = env.get("DB_PATH");
        Path database = Path.of(configured == null || configured.isBlank() ? Settings.DEFAULT_DB_PATH : configured.trim());
        if (!Files.isRegularFile(database)) {
            out.println("No database at " + database + " (DB_PATH) yet: nothing to copy");
            return 0;
        }
        Path copy = Path.of(target);
        try {
            DatabaseCopy.writeAtomically(database, copy);
        } catch (IllegalStateException e) {
            err.println("calv-a-lot: cannot copy the database: " + e.getMessage());
            return 1;
        }
        out.println("Database " + database + " copied to " + copy);
        return 0;
    }
}
