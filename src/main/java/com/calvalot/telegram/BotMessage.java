package com.calvalot.telegram;

/** Un message reçu par le bot : la conversation qui l'a écrit et son texte (null sans texte). */
public record BotMessage(long updateId, String chatId, String text) {
}
