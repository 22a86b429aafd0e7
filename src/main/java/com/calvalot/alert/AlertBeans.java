package com.calvalot.alert;

import java.time.Clock;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.config.Settings;

/** Les canaux d'alerte (routes/alerts.camel.yaml) : webhook et Telegram, chacun allumé par ses réglages. */
public final class AlertBeans {

    static final String TELEGRAM_API = "https://api.telegram.org";
    private static final Logger LOG = LoggerFactory.getLogger(AlertBeans.class);

    private AlertBeans() {
    }

    public static void bind(Main main, Settings settings, Clock clock) {
        Settings.Alerts alerts = settings.alerts();
        boolean telegram = alerts.telegramBotToken() != null && alerts.telegramChatId() != null;
        main.bind("alertMessages", new AlertMessages(alerts.telegramChatId(), settings.demo(), clock));
        // les adresses portent des secrets : elles ne vont que dans des propriétés, jamais dans un log
        main.addInitialProperty("alert.webhook.enabled", String.valueOf(alerts.webhookUrl() != null));
        main.addInitialProperty("alert.webhook.url", alerts.webhookUrl() != null ? alerts.webhookUrl() : "http://127.0.0.1:9");
        main.addInitialProperty("alert.telegram.enabled", String.valueOf(telegram));
        main.addInitialProperty("alert.telegram.url", telegram
 // une propriété système la remplace pour les tests sur 127.0.0.1
                ? System.getProperty("calvalot.telegram.api", TELEGRAM_API) + "/bot" + alerts.telegramBotToken() + "/sendMessage" : "http://127.0.0.1:9");
        if (alerts.emailEnabled()) {
            LOG.warn("E-mail alerts are not sent by this version (SMTP_* settings are ignored): "
                    + "use ALERT_WEBHOOK_URL or TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_ID");
        }
    }
}
