package com.calvalot.exchange;

import java.math.BigDecimal;

/**
 * Ce que la bourse a exécuté : {@code quantity} est la quantité réellement créditée (achat, nette
 * de la commission prélevée sur l'actif) ou vendue ; {@code quoteAmount} l'USDC dépensé ou reçu
 * (brut) ; {@code price} le prix moyen ; {@code feeUsdc} la commission exprimée en USDC.
 */
public record OrderFill(String exchangeOrderId, String status, BigDecimal quantity, BigDecimal quoteAmount,
                        BigDecimal price, BigDecimal feeUsdc, boolean simulated) {

    public boolean filledSomething() {
        return quantity.signum() > 0;
    }
}
