package com.calvalot.exchange;

import java.math.BigDecimal;

import com.calvalot.money.Money;

/**
 * Ce qu'un ordre paie à la bourse : {@code rate} de son montant. {@code onTop} : payé en USDC en plus
 * du montant (la simulation du dry run) ; sinon pris sur ce qui est reçu (Binance : sur la pièce
 * achetée, sur l'USDC d'une vente). Gardé avec chaque signal : le conseiller de budget le rejoue.
 */
public record Commission(BigDecimal rate, boolean onTop) {

    /** Le taux de base de Binance Spot (0,1 %), quand le compte ne dit pas le sien. */
    public static final BigDecimal BINANCE_STANDARD = new BigDecimal("0.001");

    /** La commission d'un montant en USDC. */
    public BigDecimal fee(BigDecimal quote) {
        return Money.round(quote.multiply(rate));
    }

    /** Le montant d'achat maximal avec ces liquidités (payée en plus, la commission doit y tenir aussi). */
    public BigDecimal spendable(BigDecimal cash) {
        return onTop ? Money.down(Money.ratio(cash, BigDecimal.ONE.add(rate))) : cash;
    }

    /** L'USDC qu'un achat de ce montant retire des liquidités. */
    public BigDecimal cost(BigDecimal quoteAmount) {
        return onTop ? quoteAmount.add(fee(quoteAmount)) : quoteAmount;
    }
}
