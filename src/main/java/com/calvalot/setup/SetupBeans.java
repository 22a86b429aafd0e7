package com.calvalot.setup;

import java.security.SecureRandom;
import java.time.Clock;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.dashboard.StaticAssets;
import com.calvalot.db.Sql;

/** Les beans de l'installation par le navigateur (routes/setup.camel.yaml, setup.md). */
public final class SetupBeans {

    private static final Logger LOG = LoggerFactory.getLogger(SetupBeans.class);

    private SetupBeans() {
    }

    /**
     * {@code startFollowing} : ce que fait un enregistrement réussi, une fois sa réponse partie —
     * reconstruire l'application avec les réglages relus (voir CalvALot).
     */
    public static void bind(Main main, Settings settings, ConfigurationSource source, Sql sql, Clock clock,
                            Runnable startFollowing, Runnable committed) {
        SetupCode code = new SetupCode(new SecureRandom());
        SetupChecks checks = new SetupChecks(source,
                new LeaderCheck(settings.version(), clock), new BinanceKeyCheck(clock));
        SetupEndpoint endpoint = new SetupEndpoint(settings, source, code, checks, new UnusedBudget(sql, clock), startFollowing,
                committed);
        main.bind("setupEndpoint", endpoint);
        main.bind("setupPage", new SetupPage(endpoint, new StaticAssets()));
        if (settings.setupMode()) {
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    // la seule ligne où le code apparaît : celle que l'on copie depuis docker compose logs
                    LOG.info("Setup: open http://localhost:{}/setup and enter the setup code {}", settings.port(), code.display());
                }
            });
        }
    }
}
