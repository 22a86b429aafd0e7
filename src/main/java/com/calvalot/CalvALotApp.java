package com.calvalot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.api.ApiBeans;
import com.calvalot.backup.BackupBeans;
import com.calvalot.budget.BudgetInitializer;
import com.calvalot.budget.SnapshotRetention;
import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;
import com.calvalot.db.BackupFolder;
import com.calvalot.db.ConnectionPool;
import com.calvalot.db.DataFolder;
import com.calvalot.db.Database;
import com.calvalot.db.DatabaseLock;
import com.calvalot.db.Sql;
import com.calvalot.db.SqliteNative;
import com.calvalot.db.StartupIntegrity;
import com.calvalot.security.FrontDoor;
import com.calvalot.demo.DemoBeans;
import com.calvalot.takeover.OriginalTakeover;

/**
 * Assemble l'application : la base (migrée), les beans nommés que les routes YAML appellent,
 * les propriétés {{...}} qu'elles lisent, et les routes du dossier ROUTES_DIR.
 */
public final class CalvALotApp {

    private static final Logger LOG = LoggerFactory.getLogger(CalvALotApp.class);

    private CalvALotApp() {
    }

    /**
     * {@code source} : d'où relire les réglages (la page d'installation y prévisualise les siens) ;
     * {@code startFollowing} : appelé quand la page d'installation a enregistré config.json, pour que
     * l'appelant reconstruise l'application avec les réglages relus ; {@code door} : le port HTTP du
     * processus, qui survit aux reconstructions.
     */
    public static Main create(ConfigurationSource source, Settings settings, Clock clock, FrontDoor door,
                              Runnable startFollowing) {
        Path routes = checkRoutesDir(settings.routesDir());
        ApiBeans.checkSettings(settings);
        SqliteNative.requireAvailable();
        DataFolder.requireWritable(settings.dbPath());
        BackupBeans.checkSettings(settings.backup());
        // une seule application par base, avant toute écriture ; rendu à l'arrêt (ou si le départ échoue)
        DatabaseLock held = lock(settings.dbPath());
        try {
            return create(source, settings, clock, door, startFollowing, routes, held);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private static DatabaseLock lock(Path dbPath) {
        try {
            return DatabaseLock.take(dbPath);
        } catch (DatabaseLock.InUse e) {
            throw new CannotStart(e.getMessage());
        }
    }

    private static Main create(ConfigurationSource source, Settings settings, Clock clock, FrontDoor door,
                               Runnable startFollowing, Path routes, DatabaseLock held) {
        if (settings.demo()) {
            DemoBeans.resetDatabase(settings.dbPath());
        } else {
            // une copie posée en restore.db remplace la base ; puis une base abîmée (carte SD usée) arrête
            // tout en nommant la dernière bonne copie (vérifiée en lecture seule : le WAL reste tel quel)
            StartupIntegrity.restoreIfAsked(settings.dbPath(), clock);
            StartupIntegrity.requireIntact(settings.dbPath(), new BackupFolder(settings.backup().dir()));
            // la base de l'ancien suiveur est reprise ; une base inconnue arrête tout, intacte
            OriginalTakeover.takeOverIfOriginal(settings.dbPath(), settings.tradingMode(),
                    source.environmentValue("TRADING_MODE") == null, clock);
        }
        DataSource dataSource = Database.open(settings.dbPath());
        BudgetInitializer.ensure(dataSource, settings, clock);
        // une base restée arrêtée (ou reprise d'ailleurs) est éclaircie avant de servir l'historique
        new SnapshotRetention(new Sql(dataSource), clock).thin();

        Main main = new Main();
        // Camel écrit « <nom> <sa version> is starting » : le nom porte la version du suiveur
        main.setAppName("Calv-a-lot " + settings.version() + " on Apache Camel");
        closeOnStop(main, dataSource, held);
        sayWhereTheDashboardIs(main, settings);
        // les réglages passent tous par Settings (validés) : une variable d'environnement brute comme
        // LEADER_URL ne doit pas court-circuiter la propriété {{leader.url}} normalisée
        main.addInitialProperty("camel.component.properties.environment-variable-mode", "0");
        // les routes du dossier, chargées une fois par nous : le collecteur de camel-main les lirait deux
        // fois (une passe « modeline » de Camel K / JBang, puis le chargement), ~100 ms de plus au départ
        main.addInitialProperty("camel.main.routes-collector-enabled", "false");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                RoutesFolder.load(configured.getCamelContext(), routes);
            }
        });
        main.addInitialProperty("poll.interval.ms", String.valueOf(settings.pollIntervalSeconds() * 1000L));
        main.addInitialProperty("app.version", settings.version());
        // la garde du disque plein regarde toutes les 5 s (les tests la pressent)
        main.addInitialProperty("disk.check.ms", String.valueOf(Long.getLong("calvalot.disk.checkMs", 5_000)));
        // sans leader réglé, l'adresse n'est jamais appelée (PollGate) mais la route doit se résoudre
        // (Settings a déjà retiré le « / » final de LEADER_URL)
        main.addInitialProperty("leader.url", settings.leaderConfigured() ? settings.leaderUrl() : "http://127.0.0.1:9");
        main.addInitialProperty("app.mode", settings.tradingMode().wireName());
        main.addInitialProperty("app.demo", String.valueOf(settings.demo()));
        AppBeans.bind(main, settings, source, dataSource, clock, door, startFollowing);
        return main;
    }

    /**
     * La base est rendue quand Camel s'arrête (ses routes d'abord), que l'arrêt vienne de run() ou de
     * stop() ; les connexions gardées ouvertes sont fermées une fois le processus principal arrêté.
     */
    private static void closeOnStop(Main main, DataSource dataSource, DatabaseLock held) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addService(new ServiceSupport() {
                        @Override
                        protected void doStop() {
                            held.close();
                        }
                    }, true, true);
                } catch (Exception e) {
                    throw RuntimeCamelException.wrapRuntimeCamelException(e);
                }
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                if (dataSource instanceof ConnectionPool pool) {
                    pool.close();
                }
                held.close();
            }
        });
    }

    /**
     * Une fois tout démarré, l'adresse du tableau de bord (en mode installation, la ligne « Setup: »
     * de SetupBeans la donne déjà, avec son code).
     */
    private static void sayWhereTheDashboardIs(Main main, Settings settings) {
        if (settings.setupMode()) {
            return;
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                LOG.info("Dashboard: open http://localhost:{}/ (from another computer, this machine's address instead of "
                        + "localhost)", settings.port());
            }
        });
    }

    /** Le dossier des routes doit exister et contenir au moins une route YAML. */
    static Path checkRoutesDir(Path configured) {
        Path routes = configured.toAbsolutePath().normalize();
        try (var files = Files.list(routes)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".yaml"))) {
                throw new SettingsException("ROUTES_DIR must be a folder holding the *.yaml routes; none found in " + routes);
            }
        } catch (java.io.IOException e) {
            throw new SettingsException("ROUTES_DIR must be a folder holding the *.yaml routes; cannot read " + routes);
        }
        return routes;
    }
}
