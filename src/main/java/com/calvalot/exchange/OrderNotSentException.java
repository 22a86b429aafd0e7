package com.calvalot.exchange;

/**
 * Un ordre que la bourse n'a jamais reçu (vérifié en le lui demandant) et qui n'est pas renvoyé : le signal
 * ne peut plus passer d'ordre (pause, mort, signal plus récent, délai). Rien n'existe chez Binance.
 */
public class OrderNotSentException extends RuntimeException {

    public OrderNotSentException(String message) {
        super(message, null, false, false);
    }
}
