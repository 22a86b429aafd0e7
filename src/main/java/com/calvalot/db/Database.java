package com.calvalot.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** La base SQLite du suiveur : une source de données réglée (WAL, attente, clés étrangères). */
public final class Database {

    private Database() {
    }

    /**
     * Connexions gardées ouvertes et prêtées à la fois : deux (deux cœurs : plus ne lirait pas plus vite,
     * et chacune a son cache et son tas natif ; 4 coûtaient 7 Mio de plus au pic, docs/benchmarks.md).
     * La propriété sert au banc (bench/memory.sh), pas aux utilisateurs.
     */
    static final int IDLE_CONNECTIONS = Integer.getInteger("calvalot.db.connections", 2);

    /**
     * Le cache de pages de chaque connexion, en KiB : 512 au lieu des 2 000 de SQLite. Une base d'un mois
     * tient en quelques Mo et reste dans le cache du système ; 16 clients sur un mois brut ouvrent des
     * connexions en surplus, chacune remplissant le sien (27 Mio de pic en moins, docs/benchmarks.md).
     */
    static final int PAGE_CACHE_KIB = Integer.getInteger("calvalot.db.cacheKiB", 512);

    /** Crée le dossier, ouvre la base et applique les migrations manquantes. */
    public static DataSource open(Path dbPath) {
        try {
            Path folder = dbPath.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database folder for DB_PATH: " + e.getMessage(), e);
        }
        ownerOnly(dbPath);
        DataSource dataSource = dataSource(dbPath);
        SchemaMigrations.apply(dataSource);
        // les connexions restent ouvertes et resservent : en ouvrir une coûte des millisecondes
        return new ConnectionPool(dataSource, dbPath.toAbsolutePath(), IDLE_CONNECTIONS);
    }

    /**
     * La base (des soldes, des ordres) lisible par son seul propriétaire, comme config.json : créée
     * en 0600 avant qu'SQLite ne l'ouvre, ou ramenée à 0600. SQLite donne au -wal et au -shm les
     * droits de la base ; ceux d'une version précédente sont corrigés aussi.
     */
    static void ownerOnly(Path dbPath) {
        Set<PosixFilePermission> rw = PosixFilePermissions.fromString("rw-------");
        try {
            if (!Files.exists(dbPath)) {
                Files.createFile(dbPath, PosixFilePermissions.asFileAttribute(rw));
            }
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path file = dbPath.resolveSibling(dbPath.getFileName() + suffix);
                if (Files.exists(file) && !Files.getPosixFilePermissions(file).equals(rw)) {
                    Files.setPosixFilePermissions(file, rw);
                }
            }
        } catch (UnsupportedOperationException e) {
            // un système de fichiers sans droits POSIX : rien à resserrer
        } catch (IOException e) {
            throw new IllegalStateException("cannot restrict the database file to its owner (DB_PATH): " + e.getMessage(), e);
        }
    }

    static SQLiteDataSource dataSource(Path dbPath) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL : un kill -9 ou une coupure ne perd aucune transaction validée (l'argent d'abord)
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // négatif : une taille en KiB (positif serait un nombre de pages)
        config.setCacheSize(-PAGE_CACHE_KIB);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dbPath.toAbsolutePath());
        return dataSource;
    }

    /** Vrai quand la base répond à une requête triviale (pour /health). */
    public static boolean answers(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeQuery("SELECT count(*) FROM agent_state").next();
        } catch (SQLException e) {
            return false;
        }
    }
}
