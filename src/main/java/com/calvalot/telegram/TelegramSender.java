package com.calvalot.telegram;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.json.Json;

/**
 * L'envoi d'une réponse (route telegram-send, camel-http) : un sendMessage en texte brut, sans
 * parse_mode, pour que rien venu du leader ou d'un utilisateur ne devienne du balisage. Une réponse
 * refusée est journalisée une fois par sorte ; un 429 retient aussi le long polling.
 */
public class TelegramSender {

    /** Telegram refuse un message de plus de 4096 caractères. */
    static final int MAX_TEXT = 4096;

    private final String chatId;
    private final TelegramFailures failures;

    public TelegramSender(String chatId, TelegramFailures failures) {
        this.chatId = chatId;
        this.failures = failures;
    }

    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        String text = message.getBody(String.class);
        if (text == null || text.isBlank()) {
            text = "…";
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chat_id", chatId);
        json.put("text", text);
        json.put("disable_web_page_preview", true);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.write(json));
    }

    public void answered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 200 && status < 300) {
            failures.sendSucceeded();
            return;
        }
        failures.sendRefused(TelegramTrouble.ofHttp(status == null ? 0 : status,
                exchange.getMessage().getBody(String.class), 1));
    }
}
