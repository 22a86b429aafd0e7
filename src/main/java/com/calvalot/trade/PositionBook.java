package com.calvalot.trade;

import java.math.BigDecimal;

import com.calvalot.exchange.Side;
import com.calvalot.money.Money;

/**
 * Une position (trading-rules.md, « Positions ») : un achat ajoute quantité et montant investi ;
 * une vente réduit l'investi dans la même proportion, le prix moyen ne bouge pas ; à zéro, tout repart de zéro.
 */
record PositionBook(BigDecimal quantity, BigDecimal invested, BigDecimal avgEntry) {

    static final PositionBook EMPTY = new PositionBook(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    PositionBook apply(Side side, BigDecimal filledQuantity, BigDecimal quoteAmount) {
        if (side == Side.BUY) {
            BigDecimal newQuantity = quantity.add(filledQuantity);
            BigDecimal newInvested = invested.add(quoteAmount);
            return new PositionBook(newQuantity, newInvested, Money.round(Money.ratio(newInvested, newQuantity)));
        }
        return withQuantity(quantity.subtract(filledQuantity));
    }

    /** La même position ramenée à {@code newQuantity} (une vente, ou le solde réel de la bourse). */
    PositionBook withQuantity(BigDecimal newQuantity) {
        if (newQuantity.signum() <= 0) {
            return EMPTY;
        }
        BigDecimal newInvested = quantity.signum() == 0 ? BigDecimal.ZERO
                : Money.round(invested.multiply(Money.ratio(newQuantity, quantity)));
        return new PositionBook(newQuantity, newInvested, avgEntry);
    }
}
