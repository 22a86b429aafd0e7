package com.calvalot.alert;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.exchange.PairStatuses;

/** Les canaux d'alerte (routes/alerts.camel.yaml) : webhook, Telegram et e-mail, chacun allumé par ses réglages. */
public final class AlertBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AlertBeans.class);

    private AlertBeans() {
    }

    public static void bind(Main main, Settings settings, Clock clock, Sql sql, AgentStateRepository agentState,
                            PairStatuses pairStatuses) {
        Settings.Alerts alerts = settings.alerts();
        AlertDesk desk = new AlertDesk();
        main.bind("alertDesk", desk);
        LeaderReachability leader = new LeaderReachability(clock);
        main.bind("leaderReachability", leader);
        main.bind("alertWatch", new AlertWatch(desk, leader, agentState, sql, pairStatuses, alerts.onTrades(),
                settings.version()));
        ExecutorService sender = AlertSender.create();
        main.bind("alertSender", sender);
        // les alertes en file partent encore ; le fil ne survit pas à une reconstruction après l'installation
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport stopped) {
                sender.shutdown();
            }
        });
        boolean telegram = alerts.telegramEnabled();
        main.bind("alertMessages", new AlertMessages(alerts.telegramChatId(), alerts.smtpUser(), alerts.emailTo(),
                settings.demo(), clock));
        // les adresses portent des secrets : elles ne vont que dans des propriétés, jamais dans un log
        main.addInitialProperty("alert.webhook.enabled", String.valueOf(alerts.webhookUrl() != null));
        main.addInitialProperty("alert.webhook.url", alerts.webhookUrl() != null ? alerts.webhookUrl() : "http://127.0.0.1:9");
        main.addInitialProperty("alert.telegram.enabled", String.valueOf(telegram));
        main.addInitialProperty("alert.telegram.url", telegram
                ? alerts.telegramApiUrl() + "/bot" + alerts.telegramBotToken() + "/sendMessage" : "http://127.0.0.1:9");
        boolean email = alerts.emailEnabled() && alerts.smtpHost() != null;
        if (alerts.emailEnabled() && alerts.smtpHost() == null) {
            LOG.warn("E-mail alerts are off: SMTP_HOST is not set");
        }
        main.addInitialProperty("alert.email.enabled", String.valueOf(email));
        main.addInitialProperty("alert.email.host", email ? alerts.smtpHost() : "127.0.0.1");
        main.addInitialProperty("alert.email.port", String.valueOf(alerts.smtpPort()));
        main.addInitialProperty("alert.email.username", email ? alerts.smtpUser() : "none");
        main.addInitialProperty("alert.email.password", email ? alerts.smtpPassword() : "none");
    }
}
