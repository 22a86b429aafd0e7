package com.calvalot.trade;

import com.calvalot.exchange.OrderFill;
import com.calvalot.market.MarketSnapshot;

/**
 * Ce qu'est devenu un ordre d'une vague : exécuté ({@code fill}), ou clos/resté « sending » avec sa
 * raison ({@code status}, {@code reason}). {@code fresh} : exécuté par ce passage (ses montants
 * bougent les liquidités du signal), et non retrouvé après coup (déjà compté dans les soldes relus).
 */
record OrderResult(OrderIntent intent, OrderFill fill, String status, String reason, boolean fresh) {

    /**
     * Le seul chemin d'une exécution vers le registre : ses commissions prises dans un autre actif (BNB) sont
     * valorisées aux prix {@code market} (ceux du signal, ou les derniers connus pour un ordre retrouvé tard),
     * jamais écrites à 0.
     */
    static OrderResult filled(OrderIntent intent, OrderFill fill, MarketSnapshot market, boolean fresh) {
        return new OrderResult(intent, fill.valuedAt(intent.pair(), market::price), OrderIntent.FILLED, null, fresh);
    }

    static OrderResult closed(OrderIntent intent, String status, String reason) {
        return new OrderResult(intent, null, status, reason, false);
    }

    boolean unknown() {
        return fill == null && OrderIntent.SENDING.equals(status);
    }
}
