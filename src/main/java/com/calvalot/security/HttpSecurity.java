package com.calvalot.security;

import java.util.function.Function;

import java.time.Clock;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;

/** Branche la garde HTTP (en-têtes + authentification Basic) sur l'application. */
public final class HttpSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSecurity.class);

    private HttpSecurity() {
    }

    /** Le plus gros corps de requête accepté (un dépôt, le formulaire d'installation : quelques centaines d'octets). */
    public static final long MAX_BODY_SIZE = 65536;

    public static HttpGuardInstaller install(Main main, Settings settings, FrontDoor door,
                                             Function<Router, Handler<RoutingContext>> unmatched) {
        BasicAuthGate gate = gate(settings);
        warnAboutPassword(settings);
        HttpGuard guard = new HttpGuard(gate, new HostAllowList(settings.allowedHosts()), settings.setupMode(), Clock.systemUTC());
        HttpGuardInstaller installer = new HttpGuardInstaller(guard, unmatched, settings.port(), door);
        // le Vert.x du processus : Camel ne le ferme pas en s'arrêtant (il ne l'a pas créé)
        main.bind("vertx", door.vertx());
        var configuration = RoutesOnlyHttpServer.configuration(settings.port(), MAX_BODY_SIZE);
        main.bind("httpServerConfiguration", configuration);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addService(new RoutesOnlyHttpServer(configuration), true, true);
                    configured.getCamelContext().addStartupListener(installer);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register the HTTP security guard", e);
                }
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                // plus rien n'entre pendant l'arrêt : 503 en JSON, jamais un 404 de routes à moitié parties
                door.close("restarting");
            }
        });
        return installer;
    }

    /**
     * Configuré sans mot de passe : l'API et le tableau de bord sont ouverts à tout le réseau (le
     * bandeau du tableau de bord le dit aussi). Un hachage importé moins coûteux que le défaut est
     * accepté, mais il faut en refaire un.
     */
    private static void warnAboutPassword(Settings settings) {
        if (!settings.apiAuthEnabled()) {
            if (!settings.setupMode() && !settings.demo()) {
                LOG.warn("No API_PASSWORD_HASH: the dashboard and the API (deposits, pause) are open to anyone who can "
                        + "reach port {}; make a hash with: java -jar calv-a-lot.jar hash-password", settings.port());
            }
            return;
        }
        WerkzeugHash hash = WerkzeugHash.parse(settings.apiPasswordHash());
        if (hash.cheaperThanDefault()) {
            LOG.warn("API_PASSWORD_HASH is cheaper to guess than a default hash ({}): it is accepted, but make a new one "
                    + "with: java -jar calv-a-lot.jar hash-password", hash.cost());
        }
    }

    public static void checkSettings(Settings settings) {
        gate(settings);
    }

    /** null quand API_PASSWORD_HASH est vide ; un hachage illisible arrête le démarrage (sans le citer). */
    static BasicAuthGate gate(Settings settings) {
        if (!settings.apiAuthEnabled()) {
            return null;
        }
        try {
            return new BasicAuthGate(settings.apiUser(), WerkzeugHash.parse(settings.apiPasswordHash()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("API_PASSWORD_HASH must be a Werkzeug hash, pbkdf2:sha256:<iterations>$<salt>$<hex> "
                    + "or scrypt:<n>:<r>:<p>$<salt>$<hex> (make one with: java -jar calv-a-lot.jar hash-password)");
        }
    }
}
