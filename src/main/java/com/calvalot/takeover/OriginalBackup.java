package com.calvalot.takeover;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * La copie de la base d'origine, à côté d'elle, octet pour octet ({@code calvalot.db.original-<UTC>},
 * plus son {@code -wal} s'il porte des transactions pas encore reversées). Écrite sous un nom
 * {@code .partial}, relue (elle s'ouvre, mêmes nombres de lignes) puis renommée : une sauvegarde
 * qui porte son nom final est toujours complète.
 */
final class OriginalBackup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String PARTIAL = ".partial";

    private OriginalBackup() {
    }

    /** Fait la copie et la vérifie contre {@code counts} (table → lignes de l'original). */
    static Path make(Path db, Clock clock, Map<String, Long> counts) {
        removePartials(db);
        String name = db.getFileName() + ".original-" + STAMP.format(clock.instant());
        Path backup = db.resolveSibling(name);
        // une tentative tuée dans la même seconde a laissé une copie de ce nom : on n'écrase jamais une copie
        for (int n = 2; Files.exists(backup) || Files.exists(withSuffix(backup, "-wal")); n++) {
            backup = db.resolveSibling(name + "-" + n);
        }
        Path partial = withSuffix(backup, PARTIAL);
        Path wal = withSuffix(db, "-wal");
        boolean withWal = nonEmpty(wal);
        try {
            copy(db, partial);
            if (withWal) {
                copy(wal, withSuffix(partial, "-wal"));
            }
            check(partial, counts, withWal);
            if (withWal) {
                Files.move(withSuffix(partial, "-wal"), withSuffix(backup, "-wal"), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partial, backup, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(db);
            return backup;
        } catch (IOException e) {
            removePartials(db);
            throw new TakeoverException("cannot write the backup " + backup.getFileName() + ": " + reason(e));
        } catch (TakeoverException e) {
            removePartials(db);
            throw e;
        }
    }

    /** Retire une sauvegarde faite par cette tentative (l'original, lui, n'a pas changé). */
    static void remove(Path backup) {
        if (backup == null) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(withSuffix(backup, suffix));
            } catch (IOException e) {
                // une copie de trop ne gêne personne : elle reste, on n'en fait pas un second échec
            }
        }
    }

    /** Relit la copie ; les fichiers -wal/-shm que la connexion de lecture a créés (vides) sont retirés ensuite. */
    private static void check(Path partial, Map<String, Long> counts, boolean withWal) {
        try (Connection copy = DatabaseInspector.readOnly(partial).getConnection()) {
            for (Map.Entry<String, Long> table : counts.entrySet()) {
                long rows = TakeoverCopy.count(copy, table.getKey());
                if (rows != table.getValue()) {
                    throw new TakeoverException("the backup does not match the original (" + table.getKey() + ": "
                            + rows + " rows instead of " + table.getValue() + ")");
                }
            }
        } catch (SQLException e) {
            throw new TakeoverException("the backup cannot be read back: " + DatabaseInspector.plainReason(e));
        } finally {
            try {
                Files.deleteIfExists(withSuffix(partial, "-shm"));
                if (!withWal) {
                    Files.deleteIfExists(withSuffix(partial, "-wal"));
                }
            } catch (IOException e) {
                // des fichiers vides de trop : removePartials les retire à la prochaine tentative
            }
        }
    }

    /** Les restes d'une tentative interrompue (kill -9 pendant la copie) : jamais une sauvegarde complète. */
    private static void removePartials(Path db) {
        Path folder = db.toAbsolutePath().getParent();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, db.getFileName() + ".original-*" + PARTIAL + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new TakeoverException("cannot tidy the folder of DB_PATH: " + e.getMessage());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void syncFolder(Path db) {
        try (FileChannel folder = FileChannel.open(db.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // certains systèmes refusent fsync sur un dossier : les fichiers eux-mêmes sont déjà sur le disque
        }
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.exists(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** La cause en clair : l'exception d'accès de Java ne porte que le chemin, pas ce qui a manqué. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (the data folder must belong to the user the follower runs as)";
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    static Path withSuffix(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
