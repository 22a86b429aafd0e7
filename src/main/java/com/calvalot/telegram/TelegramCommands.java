package com.calvalot.telegram;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lit un message reçu par le bot : seule la conversation TELEGRAM_CHAT_ID est écoutée. Pose l'en-tête
 * {@value #COMMAND} (« /status », « /foo »… ou {@value #UNKNOWN}) ; null quand il n'y a rien à
 * répondre (une autre conversation, journalisée une fois par conversation et jamais répondue). La route choisit la réponse : une commande s'y ajoute
 * sans recompiler.
 */
public class TelegramCommands {

    public static final String COMMAND = "telegramCommand";
    public static final String UNKNOWN = "unknown";
    static final int REMEMBERED_CHATS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(TelegramCommands.class);

    private final String allowedChat;
    private final Set<String> ignoredChats = ConcurrentHashMap.newKeySet();

    public TelegramCommands(String allowedChat) {
        this.allowedChat = allowedChat;
    }

    public void read(Exchange exchange) {
        BotMessage message = exchange.getMessage().getBody(BotMessage.class);
        String command = null;
        if (message != null) {
            if (allowedChat.equals(message.chatId())) {
                command = commandOf(message.text());
            } else {
                ignore(message.chatId());
            }
        }
        exchange.getMessage().setHeader(COMMAND, command);
        // aussi en propriété : les beans de l'API vident les en-têtes, et le log d'une panne la nomme
        exchange.setProperty(COMMAND, command);
    }

    /** « /Status@MonBot now » → « /status » ; un texte qui n'est pas une commande → {@value #UNKNOWN}. */
    static String commandOf(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String word = text.strip().split("\\s+", 2)[0];
        int at = word.indexOf('@');
        if (at > 0) {
            word = word.substring(0, at);
        }
        word = word.toLowerCase(Locale.ROOT);
        return word.matches("/[a-z0-9_]{1,32}") ? word : UNKNOWN;
    }

    /** Une fois par conversation (mémoire bornée) : un inconnu qui insiste ne remplit pas le log. */
    private void ignore(String chat) {
        String id = chat != null && chat.matches("-?\\d{1,20}") ? chat : "(unreadable id)";
        if (ignoredChats.size() < REMEMBERED_CHATS && ignoredChats.add(id)) {
            LOG.warn("Telegram: ignored a message from chat {} (only TELEGRAM_CHAT_ID is answered)", id);
        }
    }
}
