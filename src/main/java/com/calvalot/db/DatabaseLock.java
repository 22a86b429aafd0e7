package com.calvalot.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Une seule application sur une base : deux suiveurs sur le même fichier (deux ports, un conteneur
 * et un {@code java -jar}) copieraient chacun le même signal, et Binance accepte deux ordres au marché
 * du même client order id une fois le premier exécuté. Un verrou du système sur {@code <base>.lock},
 * pris avant toute écriture (restauration, reprise, migrations) et rendu à l'arrêt ; un système de
 * fichiers sans verrous (certains partages réseau) est dit une fois, et ne bloque pas le départ.
 */
public final class DatabaseLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLock.class);

    /** Une autre application tient la base. */
    public static final class InUse extends IllegalStateException {
        InUse(Path db) {
            super("another Calv-a-lot is already using the database " + db + " (DB_PATH): stop it first");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DatabaseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DatabaseLock take(Path dbPath) {
        Path db = dbPath.toAbsolutePath().normalize();
        Path file = db.resolveSibling(db.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new InUse(db);
            }
            return new DatabaseLock(channel, lock);
        } catch (OverlappingFileLockException sameProcess) {
            close(channel);
            throw new InUse(db);
        } catch (IOException unsupported) {
            close(channel);
            LOG.warn("Cannot lock {} ({}): make sure no other Calv-a-lot uses this database", file, unsupported.getMessage());
            return new DatabaseLock(null, null);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            // le canal fermé rend le verrou de toute façon
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // rien à faire : le processus rend ses verrous en mourant
        }
    }
}
