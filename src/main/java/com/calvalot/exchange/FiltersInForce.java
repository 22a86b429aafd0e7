package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Les règles d'ordre telles qu'elles étaient à un instant : les filtres de chaque paire et les paires
 * que Binance ne laissait pas trader. Gardées avec chaque signal live ; le conseiller de budget les
 * rejoue tels quels, sans rien relire.
 */
public record FiltersInForce(Map<String, SymbolFilters> filters, Map<String, String> untradeable) implements OrderRules {

    public FiltersInForce {
        filters = Map.copyOf(filters);
        untradeable = Map.copyOf(untradeable);
    }

    @Override
    public Sized buy(String pair, BigDecimal quote, BigDecimal price) {
        String refusal = refusal(pair, "BUY");
        return refusal != null ? new Sized(quote, refusal) : filters.get(pair).buy(quote, price);
    }

    @Override
    public Sized sell(String pair, BigDecimal quantity, BigDecimal price) {
        String refusal = refusal(pair, "SELL");
        return refusal != null ? new Sized(quantity, refusal) : filters.get(pair).sell(quantity, price);
    }

    /** Ce qui empêchait tout ordre sur la paire (à l'arrêt, filtres inconnus), ou null. */
    public String refusal(String pair, String side) {
        String reason = untradeable.get(pair);
        if (reason != null) {
            return reason;
        }
        return filters.containsKey(pair) ? null : pair + " " + side + ": exchange filters unknown";
    }

    @Override
    public FiltersInForce inForce() {
        return this;
    }
}
