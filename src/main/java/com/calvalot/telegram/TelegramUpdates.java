package com.calvalot.telegram;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * getUpdates en long polling (route telegram-updates, camel-http) : la requête porte l'offset qui
 * confirme ce qui a déjà été lu, et la réponse devient la liste des messages à traiter. L'offset
 * avance avant le traitement : une commande qui échoue n'est pas relue en boucle.
 */
public class TelegramUpdates {

    /** Telegram garde la requête ouverte jusqu'à ce délai, ou jusqu'au prochain message. */
    public static final int LONG_POLL_SECONDS = 10;
    static final int LIMIT = 20;

    private final TelegramFailures failures;
    private volatile long offset;

    public TelegramUpdates(TelegramFailures failures) {
        this.failures = failures;
    }

    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        // seuls les messages intéressent le bot : Telegram ne garde pas le reste pour lui
        message.setHeader(Exchange.HTTP_QUERY, (offset > 0 ? "offset=" + offset + "&" : "") + "timeout="
                + LONG_POLL_SECONDS + "&limit=" + LIMIT + "&allowed_updates=%5B%22message%22%5D");
        message.setBody(null);
    }

    /** La réponse de getUpdates → les messages reçus ; un refus (401, 429…) → aucun, et le poll attend. */
    public List<BotMessage> read(Exchange exchange) throws java.io.IOException {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = message.getBody(String.class);
        if (status == null || status < 200 || status >= 300) {
            failures.pollFailed(TelegramTrouble.ofHttp(status == null ? 0 : status, body, failures.failedPoll()));
            return List.of();
        }
        JsonNode answer = Json.MAPPER.readTree(body == null ? "" : body);
        if (answer == null || !answer.path("ok").asBoolean(false) || !answer.path("result").isArray()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "not a getUpdates answer");
        }
        List<BotMessage> messages = new ArrayList<>();
        for (JsonNode update : answer.path("result")) {
            long id = update.path("update_id").asLong(-1);
            if (id >= offset) {
                offset = id + 1;
            }
            JsonNode chat = update.path("message").path("chat");
            if (chat.hasNonNull("id")) {
                JsonNode text = update.path("message").path("text");
                JsonNode from = update.path("message").path("from").path("id");
                messages.add(new BotMessage(id, chat.path("id").asText(), from.isIntegralNumber() ? from.asText() : null,
                        text.isTextual() ? text.asText() : null));
            }
        }
        failures.pollSucceeded();
        return messages;
    }
}
