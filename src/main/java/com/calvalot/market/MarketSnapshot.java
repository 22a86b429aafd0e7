package com.calvalot.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.calvalot.signal.TrackedPairs;

/**
 * Les prix lus en une fois : {@code pricesUsdc} par paire (BTCUSDC → USDC pour 1 BTC, et EURUSDC),
 * {@code eurUsdc} = USDC pour 1 EUR (le prix de marché EURUSDC). {@code stale} est vrai quand la
 * dernière lecture a échoué et que ce sont les dernières valeurs connues ; {@code readAt} est null
 * et les cartes vides si rien n'a jamais pu être lu.
 */
public record MarketSnapshot(Map<String, BigDecimal> pricesUsdc, BigDecimal eurUsdc, boolean stale, Instant readAt) {

    public boolean known() {
        return readAt != null && eurUsdc != null;
    }

    /** Vrai quand les prix viennent d'être lus : seuls ceux-là peuvent tuer l'agent. */
    public boolean fresh() {
        return known() && !stale;
    }

    public BigDecimal price(String pair) {
        return pricesUsdc.get(pair);
    }

    /** Le même instantané, avec {@code eurUsdc} tiré de la paire EURUSDC. */
    MarketSnapshot withEurFromPrices() {
        return new MarketSnapshot(pricesUsdc, pricesUsdc.get(TrackedPairs.EURUSDC), stale, readAt);
    }
}
