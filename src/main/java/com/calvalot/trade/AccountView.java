package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;

/**
 * Le compte vu par un signal, construit une fois au début du signal (trading-rules.md, « Capital ») :
 * ce que le suiveur possède (parts, survie : un ordre non résolu y compte UNE fois, tel que le compte
 * le montre, l'USDC qu'il est peut-être encore ou la pièce qu'il est devenu) et ce qui est disponible
 * (dimensionnement : le libre, moins ce que les ordres non résolus réservent : l'USDC d'un achat, les
 * pièces d'une vente). Une paire dont un ordre n'est pas résolu n'est pas replanifiée avant qu'il le soit.
 */
final class AccountView {

    private static final Logger LOG = LoggerFactory.getLogger(AccountView.class);

    private final PortfolioValue value;
    private final Map<String, String> blockedBy;

    private AccountView(PortfolioValue value, Map<String, String> blockedBy) {
        this.value = value;
        this.blockedBy = blockedBy;
    }

    /** Sans ordre non résolu (un plan de test, le dry run) : tout le libre est disponible. */
    static AccountView of(PortfolioValue value) {
        return of(value, List.of());
    }

    static AccountView of(PortfolioValue read, List<OrderIntent> unresolved) {
        if (unresolved.isEmpty() || read.spendableUsdt() == null) {
            return new AccountView(read, Map.of());
        }
        BigDecimal reservedCash = BigDecimal.ZERO;
        Map<String, BigDecimal> sellable = new HashMap<>(read.sellable());
        Map<String, String> blocked = new LinkedHashMap<>();
        for (OrderIntent intent : unresolved) {
            blocked.putIfAbsent(intent.pair(), intent.signalId());
            if (intent.side() == Side.BUY && intent.quoteAmount() != null) {
                reservedCash = reservedCash.add(intent.quoteAmount());
            } else if (intent.side() == Side.SELL && intent.quantity() != null) {
                sellable.computeIfPresent(intent.pair(), (p, q) -> q.subtract(intent.quantity()).max(BigDecimal.ZERO));
            }
        }
        sellable.values().removeIf(q -> q.signum() <= 0);
        LOG.info("{} unresolved order(s): {} USDC and the coins they sell are reserved, {} not planned again until "
                + "Binance tells what became of them", unresolved.size(), Money.plain(reservedCash), blocked.keySet());
        BigDecimal spendable = Money.down(read.spendableUsdt().subtract(reservedCash).max(BigDecimal.ZERO));
        return new AccountView(read.available(spendable, sellable), Map.copyOf(blocked));
    }

    /** Possédé et disponible, aux prix lus pour le signal. */
    PortfolioValue value() {
        return value;
    }

    /** La raison pour laquelle cette paire n'est pas planifiée (un de ses ordres n'est pas résolu), ou null. */
    String notPlanned(String pair) {
        String signalId = blockedBy.get(pair);
        return signalId == null ? null : pair + " not planned: an order of " + signalId + " is still unresolved";
    }
}
