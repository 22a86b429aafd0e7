package com.calvalot.trade;

import com.calvalot.exchange.OrderFill;

/**
 * Ce qu'est devenu un ordre d'une vague : exécuté ({@code fill}), ou clos/resté « sending » avec sa
 * raison ({@code status}, {@code reason}). {@code fresh} : exécuté par ce passage (ses montants
 * bougent les liquidités du signal), et non retrouvé après coup (déjà compté dans les soldes relus).
 */
record OrderResult(OrderIntent intent, OrderFill fill, String status, String reason, boolean fresh) {

    static OrderResult filled(OrderIntent intent, OrderFill fill, boolean fresh) {
        return new OrderResult(intent, fill, OrderIntent.FILLED, null, fresh);
    }

    static OrderResult closed(OrderIntent intent, String status, String reason) {
        return new OrderResult(intent, null, status, reason, false);
    }

    boolean unknown() {
        return fill == null && OrderIntent.SENDING.equals(status);
    }
}
