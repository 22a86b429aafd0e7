package com.calvalot.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Connexions gardées ouvertes et prêtées à la fois (deux cœurs : plus ne lirait pas plus vite). */
    static final int IDLE_CONNECTIONS = 4;

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
        DataSource dataSource = dataSource(dbPath);
        SchemaMigrations.apply(dataSource);
        // les connexions restent ouvertes et resservent : en ouvrir une coûte des millisecondes
        return new ConnectionPool(dataSource, dbPath.toAbsolutePath(), IDLE_CONNECTIONS);
    }

    static SQLiteDataSource dataSource(Path dbPath) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL : un kill -9 ou une coupure ne perd aucune transaction validée (l'argent d'abord)
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
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
