package com.calvalot.db;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
        if (folder == null) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            create(db, folder);
        }
        Path refused = !Files.isWritable(folder) ? folder : Files.exists(db) && !Files.isWritable(db) ? db : null;
        if (refused != null && readOnlyDisk(refused)) {
            throw new IllegalStateException(readOnly(db, folder));
        }
        if (refused != null) {
            throw new IllegalStateException("DB_PATH (" + db + "): the " + (refused == folder ? "folder " : "file ") + refused
                    + " is not writable by this process (uid " + owner(Path.of("/proc/self")) + "; it belongs to uid "
                    + owner(refused) + "); give it to this uid (chown), or in Docker set CALVALOT_UID and CALVALOT_GID "
                    + "in .env to its owner's");
        }
    }

    /**
     * Un disque monté en lecture seule : une carte SD qui lâche est souvent remontée ainsi par le
     * système. Un chown n'y ferait rien ; la copie de la base et des sauvegardes presse.
     */
    static String readOnly(Path db, Path folder) {
        return "DB_PATH (" + db + "): the disk holding " + folder + " is read-only (the system mounted it so; an SD "
                + "card that is failing often ends up like this): nothing can be written. Copy the data folder and its "
                + "backups elsewhere now, then see docs/backups-and-updates.md (\"A damaged card\")";
    }

    /** Vrai si le système de fichiers qui porte ce chemin est monté en lecture seule. */
    static boolean readOnlyDisk(Path path) {
        try {
            return Files.getFileStore(path).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    /** Le dossier manque : on le crée ici, pour dire quoi a échoué et pourquoi (l'exception ne nomme que le chemin). */
    private static void create(Path db, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && readOnlyDisk(existing)) {
                throw new IllegalStateException(readOnly(db, folder));
            }
            throw new IllegalStateException("DB_PATH (" + db + "): cannot create the folder " + folder + ": " + why(folder, e)
                    + "; choose a DB_PATH in a folder this process (uid " + owner(Path.of("/proc/self")) + ") can create and write");
        }
    }

    /** La cause en mots : Java ne donne souvent que le chemin, sans la raison. */
    static String why(Path folder, IOException e) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return existing + " is a file, not a folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + existing + " (it belongs to uid " + owner(existing) + ")";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a folder";
        }
        if (e instanceof NoSuchFileException) {
            return existing + " does not accept new folders (no such file or directory)";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason().toLowerCase(Locale.ROOT) + " in " + existing;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
