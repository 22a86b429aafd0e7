package com.calvalot.security;

import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;

/** Branche la garde HTTP (en-têtes + authentification Basic) sur l'application. */
public final class HttpSecurity {

    private HttpSecurity() {
    }

    public static HttpGuardInstaller install(Main main, Settings settings, Function<Router, Handler<RoutingContext>> unmatched) {
        HttpGuardInstaller installer = new HttpGuardInstaller(new HttpGuard(gate(settings)), unmatched, settings.port());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addStartupListener(installer);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register the HTTP security guard", e);
                }
            }
        });
        return installer;
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
