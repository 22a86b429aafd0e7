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
 * peut-être déjà dépensé son USDC ou vendu ses pièces. Jusqu'à ce qu'il soit résolu, rien n'est
 * dimensionné dessus : son montant est ôté des liquidités, sa quantité de ce qui est détenu. Sinon
 * le signal suivant dépenserait deux fois le même argent (l'USDC ou les pièces de l'utilisateur).
 * Prudent : si l'ordre a déjà été exécuté et que le compte le montre, la réserve compte en double
 * jusqu'à sa résolution (un achat plus petit, jamais un achat de trop).
 */
class Reservations {

    private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

    private final TradeLedger ledger;

    Reservations(TradeLedger ledger) {
        this.ledger = ledger;
    }

    PortfolioValue apply(PortfolioValue value) {
        List<OrderIntent> unresolved = ledger.unresolved();
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
            } else if (intent.side() == Side.SELL && intent.quantity() != null) {
                held.computeIfPresent(intent.pair(), (pair, q) -> q.subtract(intent.quantity()).max(BigDecimal.ZERO));
                sellable.computeIfPresent(intent.pair(), (pair, q) -> q.subtract(intent.quantity()).max(BigDecimal.ZERO));
            }
        }
        held.values().removeIf(q -> q.signum() <= 0);
        sellable.values().removeIf(q -> q.signum() <= 0);
        LOG.info("{} unresolved order(s) of earlier signals: {} USDC and their coins are reserved until Binance tells "
                + "what became of them", unresolved.size(), Money.plain(reservedCash));
        return value.with(Money.down(cash.subtract(reservedCash).max(BigDecimal.ZERO)), held, sellable);
    }
}
