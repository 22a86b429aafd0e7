package com.calvalot.trade;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.Exchange;
import com.calvalot.exchange.OrderFill;
import com.calvalot.market.MarketSnapshot;

/**
 * Une intention « sending » (crash, réponse perdue) : on demande à la bourse ce qu'elle a sous son
 * client order id AVANT tout renvoi. Trouvée : exécutée ; absente : à renvoyer ; la bourse ne peut
 * pas répondre : l'issue reste inconnue, rien ne part pour elle.
 */
class IntentRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(IntentRecovery.class);

    private final Exchange exchange;

    IntentRecovery(Exchange exchange) {
        this.exchange = exchange;
    }

    /** {@code null} : la bourse ne l'a pas, l'ordre peut partir ; sinon son issue (exécuté ou toujours inconnu). */
    OrderResult ask(OrderIntent intent, MarketSnapshot market) {
        try {
            Optional<OrderFill> found = exchange.find(intent.request(market.price(intent.pair())));
            if (found.isEmpty()) {
                return null;
            }
            LOG.info("Order {} {} {} found on the exchange: recorded, not resent", intent.clientOrderId(), intent.side(),
                    intent.pair());
            return OrderResult.filled(intent, found.get(), market, false);
        } catch (RuntimeException e) {
            LOG.warn("Order {} {} {} still unresolved: {}", intent.clientOrderId(), intent.side(), intent.pair(), e.getMessage());
            return OrderResult.closed(intent, OrderIntent.SENDING, e.getMessage());
        }
    }
}
