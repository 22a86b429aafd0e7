package com.calvalot.exchange;

/**
 * On ne sait pas si l'ordre existe (pas de réponse, 5xx, -1007) et la bourse n'a pas pu le dire :
 * l'intention reste « envoyée » et sera vérifiée avant tout nouvel envoi.
 */
public class OrderOutcomeUnknownException extends RuntimeException {

    public OrderOutcomeUnknownException(String message) {
        super(message);
    }
}
