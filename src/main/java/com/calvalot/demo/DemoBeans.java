package com.calvalot.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.apache.camel.main.Main;

import com.calvalot.config.Settings;

/** Les beans du mode démo (routes/demo.camel.yaml) : un leader et un marché simulés, servis par l'application. */
public final class DemoBeans {

    /** Graine fixe : deux démos montrent la même histoire, ce qui aide à en parler. */
    static final long SEED = 20261126L;

    private DemoBeans() {
    }

    /** Toujours liés (les routes de démo les nomment) ; leurs routes ne démarrent qu'avec DEMO=true. */
    public static void bind(Main main, Settings settings, Clock clock) {
        String secret = settings.demo() ? settings.signalSecret() : "";
        main.bind("demoLeader", new DemoLeader(secret, new DemoSignals(SEED, clock.instant()), clock));
        main.bind("demoMarket", new DemoMarket(new RandomWalk(SEED, clock), clock));
    }

    /** La démo repart d'une base neuve à chaque démarrage (le fichier et son journal WAL). */
    public static void resetDatabase(Path demoDb) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(demoDb.resolveSibling(demoDb.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the demo database " + demoDb + ": " + e.getMessage(), e);
        }
    }
}
