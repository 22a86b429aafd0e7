package com.calvalot.exchange;

import java.math.BigDecimal;

/**
 * Ce qu'un ordre doit respecter avant l'envoi. En live : les filtres de la bourse ; en dry run
 * aucun (trading-rules.md : une simulation ne s'arrondit pas au pas de la bourse).
 */
public interface OrderRules {

    /** Un montant ou une quantité prêt à l'envoi, ou la raison du refus. */
    record Sized(BigDecimal value, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    Sized buy(String pair, BigDecimal quote, BigDecimal price);

    Sized sell(String pair, BigDecimal quantity, BigDecimal price);

    /** Après un refus par un filtre : les règles en cache sont relues au prochain ordre. */
    default void refreshAfterRefusal() {
    }

    /**
     * Ces règles telles qu'elles s'appliquent maintenant, sans rien relire (gardées avec chaque signal pour le
     * conseiller de budget) ; null : aucun filtre (le dry run ne s'arrondit pas au pas de la bourse).
     */
    default FiltersInForce inForce() {
        return null;
    }

    /** Des filtres connus d'avance (tests, filtres déjà lus). */
    static OrderRules of(java.util.Map<String, SymbolFilters> filters) {
        return new OrderRules() {
            @Override
            public Sized buy(String pair, BigDecimal quote, BigDecimal price) {
                return filters.get(pair).buy(quote, price);
            }

            @Override
            public Sized sell(String pair, BigDecimal quantity, BigDecimal price) {
                return filters.get(pair).sell(quantity, price);
            }
        };
    }

    /** Les règles du dry run : rien à arrondir. */
    OrderRules NONE = new OrderRules() {
        @Override
        public Sized buy(String pair, BigDecimal quote, BigDecimal price) {
            return new Sized(quote, null);
        }

        @Override
        public Sized sell(String pair, BigDecimal quantity, BigDecimal price) {
            return new Sized(quantity, null);
        }
    };
}
