package com.calvalot.alert;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.json.Json;
import com.calvalot.time.Timestamps;

/**
 * Met une alerte (le texte du corps) en forme pour chaque canal : un JSON pour le webhook, un
 * message Telegram, un e-mail. Les en-têtes internes sont vidés : rien d'autre ne part chez le destinataire.
 */
public class AlertMessages {

    private final String telegramChatId;
    private final String emailFrom;
    private final String emailTo;
    private final boolean demo;
    private final Clock clock;

    public AlertMessages(String telegramChatId, String emailFrom, String emailTo, boolean demo, Clock clock) {
        this.telegramChatId = telegramChatId;
        this.emailFrom = emailFrom;
        this.emailTo = emailTo;
        this.demo = demo;
        this.clock = clock;
    }

    /** Ce qu'un écran verrouillé montre en premier : quelques mots par type d'alerte. */
    private static final Map<String, String> TITLES = Map.of(
            "no_signal", "No signal for 4 hours",
            "leader_unreachable", "Leader unreachable",
            "signal_error", "A signal failed",
            "update_requested", "Update requested",
            "drawdown", "Paused on a drawdown",
            "dead", "Agent stopped for good",
            "balance_drift", "Coins missing from the account",
            "disk_full", "Disk full: trading paused",
            "trades", "Trades copied",
            "daily_report", "Daily summary");

    static String title(String kind) {
        return TITLES.getOrDefault(kind, "Alert");
    }

    /** Le texte après « kind: » (ou tout le texte, sans type). */
    static String message(String alert, String kind) {
        int colon = alert.indexOf(':');
        return colon > 0 && !"alert".equals(kind) ? alert.substring(colon + 1).strip() : alert;
    }

    /** Un e-mail en texte brut : l'objet dit ce qui se passe, le corps l'alerte et l'heure. */
    public void forEmail(Exchange exchange) {
        String alert = text(exchange);
        String kind = AlertDesk.kindOf(alert);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("Subject", (demo ? "[DEMO] " : "") + "Calv-a-lot: " + title(kind) + " (" + kind + ")");
        message.setHeader("From", emailFrom);
        message.setHeader("To", emailTo);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        message.setBody(alert + "\n\n" + Timestamps.now(clock) + "\n");
    }

    public void forWebhook(Exchange exchange) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("service", "calvalot");
        json.put("demo", demo);
        String alert = text(exchange);
        String kind = AlertDesk.kindOf(alert);
        json.put("kind", kind);
        json.put("title", title(kind));
        json.put("message", message(alert, kind));
        json.put("alert", alert);
        json.put("created_at", Timestamps.now(clock));
        post(exchange.getMessage(), json);
    }

    public void forTelegram(Exchange exchange) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chat_id", telegramChatId);
        String alert = text(exchange);
        String kind = AlertDesk.kindOf(alert);
        // la première ligne suffit sur un écran verrouillé ; le mot-dièse permet de filtrer dans Telegram
        json.put("text", (demo ? "[DEMO] " : "") + "Calv-a-lot: " + title(kind) + "\n" + message(alert, kind)
                + "\n#" + kind);
        post(exchange.getMessage(), json);
    }

    private static String text(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        return body == null ? "" : body;
    }

    private static void post(Message message, Map<String, Object> json) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.write(json));
    }
}
