package com.calvalot.exchange;

import java.math.BigDecimal;

import com.calvalot.money.Money;

/**
 * Les filtres d'une paire tels que exchangeInfo les donne, et ce qu'ils imposent à un ordre au
 * marché : on arrondit vers le bas, puis on vérifie ; un ordre refusé ici n'est jamais envoyé
 * (aucun -1013 ne doit venir de nous).
 */
public record SymbolFilters(
        String symbol,
        BigDecimal stepSize,
        BigDecimal minQty,
        BigDecimal maxQty,
        BigDecimal minNotional,
        int baseAssetPrecision,
        int quoteAssetPrecision) {

    public OrderRules.Sized buy(BigDecimal quote, BigDecimal price) {
        BigDecimal rounded = roundBuyQuote(quote);
        return new OrderRules.Sized(rounded, refusesBuy(rounded, price));
    }

    public OrderRules.Sized sell(BigDecimal quantity, BigDecimal price) {
        BigDecimal rounded = roundSellQuantity(quantity);
        return new OrderRules.Sized(rounded, refusesSell(rounded, price));
    }

    /** La quantité d'une vente, arrondie vers le bas au pas et à la précision de l'actif. */
    public BigDecimal roundSellQuantity(BigDecimal quantity) {
        BigDecimal stepped = Money.floorToStep(quantity, stepSize);
        return Money.plain(Money.floorToStep(stepped, BigDecimal.ONE.movePointLeft(baseAssetPrecision)));
    }

    /** Le montant d'un achat (quoteOrderQty), arrondi vers le bas à la précision de l'USDC. */
    public BigDecimal roundBuyQuote(BigDecimal quote) {
        return Money.plain(Money.floorToStep(quote, BigDecimal.ONE.movePointLeft(quoteAssetPrecision)));
    }

    /** Pourquoi les filtres refuseraient cette vente, ou null si elle passe. */
    public String refusesSell(BigDecimal quantity, BigDecimal price) {
        if (quantity.signum() <= 0 || quantity.compareTo(minQty) < 0) {
            return symbol + " SELL quantity " + Money.plain(quantity) + " under the exchange minimum " + Money.plain(minQty);
        }
        if (maxQty != null && maxQty.signum() > 0 && quantity.compareTo(maxQty) > 0) {
            return symbol + " SELL quantity " + Money.plain(quantity) + " over the exchange maximum " + Money.plain(maxQty);
        }
        BigDecimal notional = quantity.multiply(price);
        if (notional.compareTo(minNotional) < 0) {
            return symbol + " SELL worth " + Money.plain(Money.down(notional)) + " USDC under the exchange minimum notional "
                    + Money.plain(minNotional);
        }
        return null;
    }

    /**
     * Pourquoi les filtres refuseraient cet achat par montant, ou null s'il passe. Vérifié sur l'ordre
     * tel que Binance l'exécutera : la quantité arrondie au pas, et sa valeur à ce prix (un achat de
     * 5,4 USDC qui n'achète que 4,85 USDC de BTC au pas près est refusé NOTIONAL : jamais envoyé).
     */
    public String refusesBuy(BigDecimal quote, BigDecimal price) {
        if (quote.compareTo(minNotional) < 0) {
            return symbol + " BUY of " + Money.plain(quote) + " USDC under the exchange minimum notional " + Money.plain(minNotional);
        }
        BigDecimal quantity = Money.floorToStep(Money.ratio(quote, price), stepSize);
        if (quantity.compareTo(minQty) < 0) {
            return symbol + " BUY of " + Money.plain(quote) + " USDC buys less than the exchange minimum quantity "
                    + Money.plain(minQty);
        }
        BigDecimal notional = quantity.multiply(price);
        if (notional.compareTo(minNotional) < 0) {
            return symbol + " BUY of " + Money.plain(quote) + " USDC buys " + Money.plain(quantity) + " (step "
                    + Money.plain(stepSize) + ") worth " + Money.plain(Money.down(notional))
                    + " USDC, under the exchange minimum notional " + Money.plain(minNotional);
        }
        return null;
    }
}
