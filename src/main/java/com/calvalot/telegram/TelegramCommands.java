package com.calvalot.telegram;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.api.RequestSource;

/**
 * Lit un message reçu par le bot : seule la conversation TELEGRAM_CHAT_ID est écoutée. Pose l'en-tête
 * {@value #COMMAND} (« /status », « /foo »… ou {@value #UNKNOWN}) ; null quand il n'y a rien à
 * répondre (une autre conversation, journalisée une fois par conversation et jamais répondue). Avec
 * TELEGRAM_USER_IDS, les commandes qui agissent ({@link #ACTING}) d'une autre personne de la
 * conversation (un groupe) deviennent {@value #NOT_ALLOWED}. La route choisit la réponse : une commande
 * s'y ajoute sans recompiler.
 */
public class TelegramCommands {

    public static final String COMMAND = "telegramCommand";
    public static final String UNKNOWN = "unknown";
    public static final String NOT_ALLOWED = "not-allowed";
    /** Ce qui fait agir le suiveur (pause, reprise, un poll qui peut trader) ; le reste ne fait que lire. */
    static final Set<String> ACTING = Set.of("/pause", "/resume", "/poll");
    static final int REMEMBERED_CHATS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(TelegramCommands.class);

    private final String allowedChat;
    /** Vide : tout membre de la conversation peut agir. */
    private final Set<Long> allowedUsers;
    private final Set<String> ignoredChats = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedUsers = ConcurrentHashMap.newKeySet();

    public TelegramCommands(String allowedChat, Set<Long> allowedUsers) {
        this.allowedChat = allowedChat;
        this.allowedUsers = allowedUsers;
    }

    public void read(Exchange exchange) {
        BotMessage message = exchange.getMessage().getBody(BotMessage.class);
        String command = null;
        if (message != null) {
            if (allowedChat.equals(message.chatId())) {
                command = commandOf(message.text());
                String user = message.fromId() == null ? "(no sender)" : message.fromId();
                // qui a demandé : le log d'une reprise après drawdown le dit
                exchange.setProperty(RequestSource.PROPERTY, "Telegram user " + user + " in chat " + message.chatId());
                if (ACTING.contains(command) && !allowed(message.fromId())) {
                    refuse(user, command);
                    command = NOT_ALLOWED;
                }
            } else {
                ignore(message.chatId());
            }
        }
        exchange.getMessage().setHeader(COMMAND, command);
        // aussi en propriété : les beans de l'API vident les en-têtes, et le log d'une panne la nomme
        exchange.setProperty(COMMAND, command);
    }

    private boolean allowed(String fromId) {
        if (allowedUsers.isEmpty()) {
            return true;
        }
        try {
            return fromId != null && allowedUsers.contains(Long.parseLong(fromId));
        } catch (NumberFormatException e) {
            return false;
        }
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

    /** Une fois par personne (mémoire bornée), comme les conversations ignorées. */
    private void refuse(String user, String command) {
        if (refusedUsers.size() < REMEMBERED_CHATS && refusedUsers.add(user)) {
            LOG.warn("Telegram: refused {} from user {} (only TELEGRAM_USER_IDS may pause, resume and poll)", command, user);
        }
    }
}
