package com.calvalot.api;

import java.time.Clock;
import javax.sql.DataSource;

import org.apache.camel.main.Main;

import com.calvalot.config.Settings;
import com.calvalot.security.HttpSecurity;

/** Les beans de l'API REST, du budget et de la sécurité HTTP. */
public final class ApiBeans {

    private ApiBeans() {
    }

    /** Les réglages de l'API vérifiés avant que rien ne démarre (la base n'est pas encore créée). */
    public static void checkSettings(Settings settings) {
        HttpSecurity.checkSettings(settings);
    }

    public static void bind(Main main, Settings settings, DataSource dataSource, Clock clock) {
        main.bind("httpGuardInstaller", HttpSecurity.install(main, settings, UnmatchedRequests::new));
    }
}
