package com.calvalot.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Le dossier de la base (et la base si elle existe) doit être inscriptible par ce processus. Sinon,
 * une ligne qui dit à qui il appartient : en Docker, c'est presque toujours un uid d'hôte qui n'est
 * pas celui du conteneur (CALVALOT_UID), et SQLite ne dirait que « unable to open database file ».
 */
public final class DataFolder {

    private DataFolder() {
    }

    public static void requireWritable(Path dbPath) {
        Path db = dbPath.toAbsolutePath().normalize();
        Path folder = db.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return; // Database.open le crée, ou dit pourquoi il ne peut pas
        }
        Path refused = !Files.isWritable(folder) ? folder : Files.exists(db) && !Files.isWritable(db) ? db : null;
        if (refused != null) {
            throw new IllegalStateException("DB_PATH (" + db + "): the " + (refused == folder ? "folder " : "file ") + refused
                    + " is not writable by this process (uid " + owner(Path.of("/proc/self")) + "; it belongs to uid "
                    + owner(refused) + "); give it to this uid (chown), or in Docker set CALVALOT_UID and CALVALOT_GID "
                    + "in .env to its owner's");
        }
    }

    /** Le propriétaire numérique ({@code /proc/self} : l'uid de ce processus), ou « ? » hors Linux. */
    private static String owner(Path path) {
        try {
            return String.valueOf(Files.getAttribute(path, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "?";
        }
    }
}
