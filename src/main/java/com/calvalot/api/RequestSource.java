package com.calvalot.api;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import com.calvalot.security.RequestOrigin;

/**
 * D'où vient un geste qui compte (la levée d'une pause pour drawdown), pour le log : une requête
 * HTTP (l'adresse, et l'origine que le navigateur a dite), ou ce qu'une autre route a posé dans
 * {@value #PROPERTY} (le bot Telegram : qui, dans quelle conversation).
 */
public final class RequestSource {

    public static final String PROPERTY = "calvalotRequestSource";

    private RequestSource() {
    }

    public static String of(Exchange exchange) {
        String told = exchange.getProperty(PROPERTY, String.class);
        if (told != null) {
            return told;
        }
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return "an HTTP request from " + RequestOrigin.describe(http.getRequest());
        }
        return "an unknown source";
    }
}
