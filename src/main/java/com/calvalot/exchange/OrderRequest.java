package com.calvalot.exchange;

import java.math.BigDecimal;

/**
 * Un ordre au marché prêt à partir : un achat par montant USDC ({@code quoteAmount}), une vente
 * par quantité ({@code quantity}). {@code referencePrice} est le prix lu au début du signal.
 */
public record OrderRequest(String clientOrderId, String pair, Side side, BigDecimal quoteAmount, BigDecimal quantity,
                           BigDecimal referencePrice) {
}
