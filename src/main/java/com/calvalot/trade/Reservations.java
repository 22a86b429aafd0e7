package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;

/**
 * Ce que les ordres non résolus réservent (trading-rules.md, « Capital ») : un ordre parti dont la
 * bourse n'a pas encore dit l'issue (« sending », de n'importe quel signal, abandonné compris) a
 * peut-être déjà dépensé son USDC ou vendu ses pièces, ou reçu celles qu'il achetait. Jusqu'à ce
 * qu'il soit résolu, rien n'est dimensionné dessus : un achat ôte son montant des liquidités et sa
 * quantité possible de ce qui est détenu et vendable ; une vente, sa quantité. Sinon
 * le signal suivant dépenserait deux fois le même argent (l'USDC ou les pièces de l'utilisateur).
 * Prudent : si l'ordre a déjà été exécuté et que le compte le montre, la réserve compte en double
 * jusqu'à sa résolution (un achat plus petit, jamais un achat de trop).
 */
class Reservations {

    private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

    /** Le prix a pu bouger depuis l'achat non résolu : sa quantité possible est comptée large. */
    private static final BigDecimal PRICE_MARGIN = new BigDecimal("1.02");

    private final TradeLedger ledger;

    Reservations(TradeLedger ledger) {
        this.ledger = ledger;
    }

    PortfolioValue apply(PortfolioValue value) {
        return apply(value, ledger.unresolved());
    }

    /** Idem, avec les ordres non résolus déjà lus. */
    PortfolioValue apply(PortfolioValue value, List<OrderIntent> unresolved) {
        if (unresolved.isEmpty() || value.cashUsdt() == null) {
            return value;
        }
        BigDecimal cash = value.cashUsdt();
        Map<String, BigDecimal> held = new HashMap<>(value.quantities());
        Map<String, BigDecimal> sellable = new HashMap<>(value.sellable());
        BigDecimal reservedCash = BigDecimal.ZERO;
        for (OrderIntent intent : unresolved) {
            if (intent.side() == Side.BUY && intent.quoteAmount() != null) {
                reservedCash = reservedCash.add(intent.quoteAmount());
                // les pièces qu'il a peut-être déjà reçues (le compte les montre, le registre pas encore) :
                // une vente ne passe jamais devant l'achat dont elle dépend (soak F3)
                BigDecimal price = value.market().price(intent.pair());
                if (price != null && price.signum() > 0) {
                    reserve(intent.pair(), Money.ratio(intent.quoteAmount(), price).multiply(PRICE_MARGIN), held, sellable);
                }
            } else if (intent.side() == Side.SELL && intent.quantity() != null) {
                reserve(intent.pair(), intent.quantity(), held, sellable);
            }
        }
        held.values().removeIf(q -> q.signum() <= 0);
        sellable.values().removeIf(q -> q.signum() <= 0);
        LOG.info("{} unresolved order(s) of earlier signals: {} USDC and their coins are reserved until Binance tells "
                + "what became of them", unresolved.size(), Money.plain(reservedCash));
        return value.with(Money.down(cash.subtract(reservedCash).max(BigDecimal.ZERO)), held, sellable);
    }

    private static void reserve(String pair, BigDecimal quantity, Map<String, BigDecimal> held, Map<String, BigDecimal> sellable) {
        held.computeIfPresent(pair, (p, q) -> q.subtract(quantity).max(BigDecimal.ZERO));
        sellable.computeIfPresent(pair, (p, q) -> q.subtract(quantity).max(BigDecimal.ZERO));
    }
}
