package com.calvalot.exchange;

/**
 * Un appel Binance qui n'a pas abouti. {@code httpStatus} 0 : pas de réponse (délai dépassé,
 * connexion coupée). Le message ne contient jamais l'URL signée ni la clé.
 */
public class BinanceApiException extends RuntimeException {

    public static final int NO_ANSWER = 0;

    private final int httpStatus;
    private final int code;

    public BinanceApiException(int httpStatus, int code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    /** L'ordre a peut-être été exécuté : il faut demander à la bourse avant tout renvoi. */
    public boolean outcomeUnknown() {
        return httpStatus == NO_ANSWER || httpStatus >= 500 || code == -1007;
    }

    public boolean rateLimited() {
        return httpStatus == 429 || httpStatus == 418;
    }

    public boolean clockSkew() {
        return code == -1021;
    }

    /** -2013 : la bourse ne connaît pas cet ordre. */
    public boolean orderUnknown() {
        return code == -2013;
    }
}
