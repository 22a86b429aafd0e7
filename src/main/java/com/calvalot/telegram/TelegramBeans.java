package com.calvalot.telegram;

import java.time.Clock;
import java.time.ZoneId;

import org.apache.camel.main.Main;

import com.calvalot.budget.DailyPnl;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;

/**
 * Le bot Telegram (routes/telegram.camel.yaml) et le résumé du jour (routes/daily-report.camel.yaml).
 * Sans TELEGRAM_BOT_TOKEN et TELEGRAM_CHAT_ID, les routes du bot ne sont pas créées (précondition).
 */
public final class TelegramBeans {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TelegramBeans.class);

    private TelegramBeans() {
    }

    public static void bind(Main main, Settings settings, Clock clock, Sql sql) {
        Settings.Alerts alerts = settings.alerts();
        // le fuseau de TZ : celui des jours du P&L et de DAILY_REPORT_AT
        ZoneId zone = ZoneId.systemDefault();
        CopyTrackingSeam tracking = new CopyTrackingSeam();
        main.bind("copyTrackingSeam", tracking);
        main.bind("dailyPnl", new DailyPnl(sql, clock, zone));
        main.bind("phoneTexts", new PhoneTexts(clock, zone, settings.demo(), alerts.telegramControl(), tracking));
        TelegramFailures failures = new TelegramFailures();
        main.bind("telegramFailures", failures);
        main.addInitialProperty("telegram.enabled", String.valueOf(alerts.telegramEnabled()));
        main.addInitialProperty("telegram.control", String.valueOf(alerts.telegramControl()));
        main.addInitialProperty("daily.report.enabled", String.valueOf(alerts.dailyReportAt() != null));
        if ((alerts.telegramBotToken() == null) != (alerts.telegramChatId() == null)) {
            LOG.warn("Telegram is off: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID are both needed");
        }
        if (alerts.dailyReportAt() != null && !alerts.telegramEnabled() && alerts.webhookUrl() == null
                && !alerts.emailEnabled()) {
            LOG.warn("DAILY_REPORT_AT is set but no alert channel is (Telegram, ALERT_WEBHOOK_URL or SMTP_*): "
                    + "the summary only goes to the log");
        }
        if (alerts.dailyReportAt() != null) {
            main.bind("dailyReportSchedule", new DailyReportSchedule(alerts.dailyReportAt(), clock, zone));
        }
        if (alerts.telegramEnabled()) {
            TelegramGate gate = new TelegramGate(clock);
            failures.attach(gate);
            main.bind("telegramGate", gate);
            main.bind("telegramUpdates", new TelegramUpdates(failures));
            main.bind("telegramCommands", new TelegramCommands(alerts.telegramChatId(), alerts.telegramUserIds()));
            main.bind("telegramSender", new TelegramSender(alerts.telegramChatId(), failures));
        }
        // l'adresse porte le jeton : elle ne va que dans une propriété, jamais dans un log
        main.addInitialProperty("telegram.updates.url", alerts.telegramEnabled()
                ? alerts.telegramApiUrl() + "/bot" + alerts.telegramBotToken() + "/getUpdates" : "http://127.0.0.1:9");
    }
}
