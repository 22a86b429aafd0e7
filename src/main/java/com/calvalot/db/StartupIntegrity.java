package com.calvalot.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Au démarrage, avant toute écriture : une copie posée en {@code restore.db} à côté de la base la
 * remplace (la restauration en une étape), puis la base passe {@code PRAGMA quick_check} (une carte
 * SD qui s'use). Une base abîmée arrête tout en une ligne qui nomme la dernière bonne copie et dit
 * comment la restaurer ; la base abîmée n'est jamais modifiée.
 */
public final class StartupIntegrity {

    public static final String RESTORE_NAME = "restore.db";
    private static final Logger LOG = LoggerFactory.getLogger(StartupIntegrity.class);

    private StartupIntegrity() {
    }

    /** {@code restore.db} à côté de la base : vérifiée, elle la remplace ; l'ancienne est gardée à côté. */
    public static void restoreIfAsked(Path dbPath, Clock clock) {
        Path db = dbPath.toAbsolutePath().normalize();
        Path restore = db.resolveSibling(RESTORE_NAME);
        if (!Files.isRegularFile(restore)) {
            return;
        }
        String problem = DatabaseCopy.quickCheck(restore);
        if (problem != null) {
            throw new IllegalStateException("the backup " + restore + " cannot be restored: it is damaged too (" + problem
                    + "); remove it, or copy another backup in its place");
        }
        String stamp = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
        Path kept = db.resolveSibling(db.getFileName() + ".before-restore-" + stamp);
        try {
            if (Files.exists(db)) {
                Files.move(db, kept);
                // le WAL suit sa base sous le même nom (SQLite cherche « <base>-wal ») : jamais appliqué à la copie
                moveIfExists(db.resolveSibling(db.getFileName() + "-wal"), kept.resolveSibling(kept.getFileName() + "-wal"));
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
            }
            Files.move(restore, db, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore " + restore + " to " + db + ": " + DatabaseCopy.message(e));
        }
        LOG.warn("Database restored from {}; the previous file is kept as {}", restore, Files.exists(kept) ? kept : "(none)");
    }

    /** {@code PRAGMA quick_check} ; une base abîmée lève une exception sans cause, au message d'une ligne. */
    public static void requireIntact(Path dbPath, BackupFolder backups) {
        Path db = dbPath.toAbsolutePath().normalize();
        // un fichier qui n'est pas du tout une base SQLite : la reprise de l'ancien suiveur dit ce qu'il est
        if (!Files.exists(db) || !sqliteHeader(db)) {
            return;
        }
        String problem = DatabaseCopy.quickCheck(db);
        if (problem == null) {
            return;
        }
        String restore = db.resolveSibling(RESTORE_NAME).toString();
        String advice = backups.lastGood()
                .map(good -> "the last good backup is " + good + "; to restore it: copy it to " + restore
                        + " (the container's data folder) and start again; the damaged file is kept beside it")
                .orElse("no good backup was found in " + backups.dir() + "; to restore one made elsewhere (GET /api/backup): copy it to "
                        + restore + " and start again");
        throw new IllegalStateException("the database " + db + " is damaged (" + problem + "); " + advice);
    }

    private static boolean sqliteHeader(Path db) {
        byte[] magic = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.io.InputStream in = Files.newInputStream(db)) {
            return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to);
        }
    }
}
