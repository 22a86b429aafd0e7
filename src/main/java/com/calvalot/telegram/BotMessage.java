package com.calvalot.telegram;

/**
 * Un message reçu par le bot : la conversation qui l'a écrit, la personne qui l'a tapé ({@code fromId},
 * null sans expéditeur : un canal, un administrateur anonyme) et son texte (null sans texte).
 */
public record BotMessage(long updateId, String chatId, String fromId, String text) {
}
