package com.calvalot.trade;

import java.math.BigDecimal;

import com.calvalot.exchange.Side;

/**
 * Un ordre du plan d'un signal : un achat par montant USDC ou une vente par quantité, ou un ordre
 * écarté avec sa raison ({@code skipReason} non null : il ne part jamais). {@code limitReason} dit
 * ce qu'une limite de risque lui a fait (coupé, écarté), sinon null.
 */
public record PlannedOrder(String pair, Side side, BigDecimal quoteAmount, BigDecimal quantity, String skipReason,
                           String limitReason) {

    static PlannedOrder buy(String pair, BigDecimal quote) {
        return new PlannedOrder(pair, Side.BUY, quote, null, null, null);
    }

    static PlannedOrder sell(String pair, BigDecimal quantity) {
        return new PlannedOrder(pair, Side.SELL, null, quantity, null, null);
    }

    static PlannedOrder skipped(String pair, Side side, String reason) {
        return new PlannedOrder(pair, side, null, null, reason, null);
    }

    PlannedOrder limitedBy(String reason) {
        return new PlannedOrder(pair, side, quoteAmount, quantity, skipReason, reason);
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}
