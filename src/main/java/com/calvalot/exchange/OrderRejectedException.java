package com.calvalot.exchange;

/** La bourse a refusé l'ordre (-1013, -2010, autre 4xx) : il n'existe pas, on ne le renvoie jamais. */
public class OrderRejectedException extends RuntimeException {

    /** -1013 : un filtre de la paire a refusé l'ordre (les filtres en cache sont peut-être dépassés). */
    public static final int FILTER_FAILURE = -1013;

    private final int code;

    public OrderRejectedException(String message, int code) {
        super(message);
        this.code = code;
    }

    public boolean filterFailure() {
        return code == FILTER_FAILURE;
    }
}
