package com.calvalot.takeover;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import com.calvalot.config.TradingMode;
import com.calvalot.db.SchemaMigrations;
import com.calvalot.time.Timestamps;

/**
 * La reprise de la base de l'ancien suiveur Python (migration.md), au premier démarrage sur son
 * dossier. Une seule transaction SQLite sur le fichier lui-même : ses tables sont renommées, notre
 * schéma est créé (V1-V3), les lignes sont versées, les migrations suivantes appliquées, ses tables
 * retirées, puis tout est validé d'un coup.
 * SQLite garantit qu'un échec, un disque plein ou un kill -9 avant la validation laisse le fichier
 * tel qu'il était (en WAL, le fichier principal n'est même pas écrit avant la validation) : le
 * démarrage suivant recommence de zéro. Une copie vérifiée est faite avant tout changement.
 */
public final class OriginalTakeover {

    /** Tests seulement : une pause au milieu de la transaction, pour y placer un kill -9. */
    public static final String TEST_PAUSE_PROPERTY = "calvalot.test.takeover-pause-ms";
    public static final String TEST_PAUSE_LINE = "Takeover paused mid-transaction for a test";

    /** La version de notre schéma (V1 à V3) pour laquelle la copie des lignes est écrite. */
    static final int COPY_SCHEMA_VERSION = 3;

    private static final Logger LOG = LoggerFactory.getLogger(OriginalTakeover.class);

    private final Path db;
    private final TradingMode mode;
    private final boolean modeFromFileOnly;
    private final Clock clock;

    private OriginalTakeover(Path db, TradingMode mode, boolean modeFromFileOnly, Clock clock) {
        this.db = db;
        this.mode = mode;
        this.modeFromFileOnly = modeFromFileOnly;
        this.clock = clock;
    }

    /**
     * Avant l'ouverture de la base : reprend une base de l'ancien suiveur, laisse passer la nôtre (ou
     * rien), et refuse toute autre chose par une ligne, sans toucher au fichier.
     * {@code modeFromFileOnly} : TRADING_MODE vient de config.json, pas de l'environnement. L'ancien
     * suiveur ne l'y lisait jamais (son docker-compose.yml posait TRADING_MODE=dry_run, et chez lui
     * l'environnement gagne) : un « live » de son fichier n'a jamais tradé d'argent réel.
     */
    public static void takeOverIfOriginal(Path db, TradingMode mode, boolean modeFromFileOnly, Clock clock) {
        if (DatabaseInspector.inspect(db) == DatabaseInspector.Kind.ORIGINAL) {
            new OriginalTakeover(db, mode, modeFromFileOnly, clock).run();
        }
    }

    private void run() {
        Path backup = null;
        try (Connection connection = connection()) {
            // BEGIN IMMEDIATE : le verrou d'écriture est pris avant la copie, personne n'écrit entre les deux
            connection.setAutoCommit(false);
            try {
                refuseUnreadLiveMode(connection);
                backup = OriginalBackup.make(db, clock, counts(connection));
                TakeoverCopy.Counts counts = moveIntoOurSchema(connection);
                pauseForTests();
                connection.commit();
                LOG.info("Took over the original follower's database: {} signals, {} trades, {} positions, {} snapshots, "
                        + "{} withdrawals (backup: {})", number(counts.signals()), number(counts.trades()),
                        number(counts.positions()), number(counts.snapshots()), number(counts.withdrawals()),
                        backup.getFileName());
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            OriginalBackup.remove(backup);
            String reason = e instanceof TakeoverException ? e.getMessage()
                    : e instanceof SQLException sql ? DatabaseInspector.plainReason(sql) : e.getClass().getSimpleName();
            throw new TakeoverException("cannot take over the original follower's database at DB_PATH (" + db + "): "
                    + reason + "; nothing was changed, the next start tries again");
        }
    }

    /**
     * Un « live » que l'ancien suiveur n'a jamais appliqué (rien que des ordres simulés) ne devient
     * pas des ordres réels sans qu'une personne le dise dans l'environnement.
     */
    private void refuseUnreadLiveMode(Connection connection) throws SQLException {
        if (mode != TradingMode.LIVE || !modeFromFileOnly) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM trades WHERE is_simulated = 0)"
                     + " + (SELECT count(*) FROM withdrawals WHERE is_simulated = 0)")) {
            if (rs.next() && rs.getLong(1) > 0) {
                return;
            }
        }
        throw new TakeoverException("TRADING_MODE is live only in config.json, which the original follower never read "
                + "(its docker-compose.yml set TRADING_MODE=dry_run) and it only ever simulated orders; set TRADING_MODE=live "
                + "in the environment (.env) to trade real money from now on, or TRADING_MODE=dry_run to keep simulating");
    }

    private TakeoverCopy.Counts moveIntoOurSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // ses index portent des noms que notre schéma réutilise (idx_snapshots_created_at)
            for (String index : originalIndexes(connection)) {
                statement.executeUpdate("DROP INDEX \"" + index + "\"");
            }
            for (String table : OriginalSchema.TABLES) {
                statement.executeUpdate("ALTER TABLE " + table + " RENAME TO original_" + table);
            }
        }
        SchemaMigrations.applyWithin(connection, 0, COPY_SCHEMA_VERSION);
        TakeoverCopy.Counts counts = new TakeoverCopy(connection).all();
        new TakeoverBudget(connection, mode).carryOver(counts, Timestamps.now(clock));
        // les migrations suivantes traitent les lignes reprises comme celles de toute base existante
        SchemaMigrations.applyWithin(connection, COPY_SCHEMA_VERSION, SchemaMigrations.latestVersion());
        try (Statement statement = connection.createStatement()) {
            for (String table : OriginalSchema.TABLES) {
                statement.executeUpdate("DROP TABLE original_" + table);
            }
        }
        return counts;
    }

    private static List<String> originalIndexes(Connection connection) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        return indexes;
    }

    private static Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : OriginalSchema.TABLES) {
            counts.put(table, TakeoverCopy.count(connection, table));
        }
        return counts;
    }

    /** Le mode de journal du fichier est gardé (WAL chez l'ancien suiveur) : la reprise ne l'écrit pas avant sa transaction. */
    private Connection connection() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + db.toAbsolutePath());
        return dataSource.getConnection();
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // la connexion se ferme juste après : SQLite annule alors la transaction de lui-même
        }
    }

    private static void pauseForTests() {
        long pause = Long.getLong(TEST_PAUSE_PROPERTY, 0L);
        if (pause > 0) {
            LOG.info(TEST_PAUSE_LINE);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String number(int count) {
        return String.format(Locale.US, "%,d", count);
    }
}
