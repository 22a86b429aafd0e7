package com.calvalot.telegram;

import java.time.Duration;

import org.apache.camel.component.telegram.TelegramComponent;
import org.apache.camel.main.Main;

/**
 * Le composant camel-telegram du bot, réglé en Java et non par l'URI ni une propriété : le jeton
 * n'apparaît ainsi dans aucune URI d'endpoint que Camel journalise. Chargé seulement si le bot est réglé.
 */
final class TelegramBot {

    /** Le long polling garde la requête ouverte jusqu'à 30 s (timeout de la route) ; 15 s de marge. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);

    private TelegramBot() {
    }

    static void bind(Main main, String token, String apiUrl) {
        TelegramComponent component = new TelegramComponent();
        component.setAuthorizationToken(token);
        component.setBaseUri(apiUrl);
        component.setClient(TimedHttpClient.create(Duration.ofSeconds(10), REQUEST_TIMEOUT));
        main.bind("telegram", component);
    }
}
