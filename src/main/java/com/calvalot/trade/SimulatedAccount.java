package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.TrackedPairs;

/**
 * Le compte d'un budget rejoué : des liquidités et des quantités que les exécutions calculées et les
 * flux d'argent font bouger comme ils font bouger le registre du suiveur (un achat retire son montant et
 * la commission prise en USDC, crédite la quantité nette ; une vente l'inverse). Rien n'est écrit nulle part.
 */
final class SimulatedAccount {

    private BigDecimal cash;
    private final Map<String, BigDecimal> held = new HashMap<>();

    /** Ce que le suiveur possédait, multiplié par {@code scale} (le budget rejoué sur le sien). */
    SimulatedAccount(BigDecimal cash, Map<String, BigDecimal> quantities, BigDecimal scale) {
        this.cash = Money.round(cash.multiply(scale));
        quantities.forEach((pair, quantity) -> {
            if (TrackedPairs.isTracked(pair) && quantity.signum() > 0) {
                held.put(pair, Money.round(quantity.multiply(scale)));
            }
        });
    }

    BigDecimal cash() {
        return cash;
    }

    Map<String, BigDecimal> held() {
        return Map.copyOf(held);
    }

    /** Possédé = disponible : ni ordre en suspens, ni pièce bloquée. */
    PortfolioValue value(MarketSnapshot market) {
        return PortfolioValue.of(cash, Map.copyOf(held), market, true);
    }

    void apply(String pair, Side side, OrderFill fill) {
        BigDecimal feeInCash = fill.commissions().getOrDefault(TrackedPairs.QUOTE_ASSET, BigDecimal.ZERO);
        if (side == Side.BUY) {
            cash = cash.subtract(fill.quoteAmount()).subtract(feeInCash);
            held.merge(pair, fill.quantity(), BigDecimal::add);
        } else {
            cash = cash.add(fill.quoteAmount()).subtract(feeInCash);
            held.merge(pair, fill.quantity().negate(), BigDecimal::add);
        }
        held.values().removeIf(q -> q.signum() <= 0);
    }

    /** Un dépôt : de l'USDC, ou une pièce adoptée sur le compte. */
    void deposit(String pair, BigDecimal amount) {
        if (pair == null) {
            cash = cash.add(amount);
        } else if (TrackedPairs.isTracked(pair)) {
            held.merge(pair, amount, BigDecimal::add);
        }
    }

    /** Un retrait : de l'USDC, ou une pièce partie du compte ; jamais plus que ce qui est là. */
    void withdraw(String pair, BigDecimal amount) {
        if (pair == null) {
            cash = cash.subtract(amount.min(cash)).max(BigDecimal.ZERO);
        } else if (held.containsKey(pair)) {
            held.merge(pair, amount.min(held.get(pair)).negate(), BigDecimal::add);
            held.values().removeIf(q -> q.signum() <= 0);
        }
    }
}
