package com.calvalot.trade;

import java.math.BigDecimal;

import com.calvalot.exchange.OrderRequest;
import com.calvalot.exchange.Side;

/** Une ligne order_intents : l'ordre promis, écrit avant tout envoi. */
public record OrderIntent(long id, String signalId, int seq, String clientOrderId, String pair, Side side,
                          BigDecimal quoteAmount, BigDecimal quantity, String status, String reason,
                          boolean excludedByUser) {

    public static final String PLANNED = "planned";
    public static final String SENDING = "sending";
    public static final String FILLED = "filled";
    public static final String SKIPPED = "skipped";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final String ABANDONED = "abandoned";

    public OrderRequest request(BigDecimal referencePrice) {
        return new OrderRequest(clientOrderId, pair, side, quoteAmount, quantity, referencePrice);
    }

    OrderIntent sized(BigDecimal quote, BigDecimal qty) {
        return new OrderIntent(id, signalId, seq, clientOrderId, pair, side, quote, qty, SENDING, reason, excludedByUser);
    }
}
