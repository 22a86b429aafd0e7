package com.calvalot.exchange;

/** La bourse a refusé l'ordre (-1013, -2010, autre 4xx) : il n'existe pas, on ne le renvoie jamais. */
public class OrderRejectedException extends RuntimeException {

    public OrderRejectedException(String message) {
        super(message);
    }
}
