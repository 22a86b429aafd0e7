package com.calvalot.perfect;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.signal.Signal;
import com.calvalot.signal.TrackedPairs;

/**
 * La copie parfaite du leader (trading-rules.md, « Perfect copy ») : des liquidités et des quantités
 * fractionnaires qui suivent chaque signal accepté exactement, aux prix du signal, sans minimum, sans
 * filtre, sans frais, sans glissement, sans limite de risque. Elle ne trade jamais : c'est un calcul.
 * Valeurs immuables ; chaque mouvement rend une nouvelle copie.
 */
public record PerfectCopy(BigDecimal cashUsdt, Map<String, BigDecimal> holdings) {

    public PerfectCopy {
        holdings = Map.copyOf(holdings);
    }

    /** Le point de départ : ce que le suiveur détient à ce moment (la même valeur de départ). */
    public static PerfectCopy startingFrom(BigDecimal cashUsdt, Map<String, BigDecimal> quantities) {
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        quantities.forEach((pair, quantity) -> {
            if (TrackedPairs.isTracked(pair) && quantity.signum() > 0) {
                held.put(pair, quantity);
            }
        });
        return new PerfectCopy(cashUsdt == null ? BigDecimal.ZERO : cashUsdt, held);
    }

    /** La valeur en USDC aux prix donnés ; null si un prix détenu manque. */
    public BigDecimal valueUsdt(MarketSnapshot market) {
        BigDecimal total = cashUsdt;
        for (var held : holdings.entrySet()) {
            BigDecimal price = market.price(held.getKey());
            if (price == null) {
                return null;
            }
            total = total.add(held.getValue().multiply(price));
        }
        return Money.round(total);
    }

    /** Un signal suivi exactement : v1 rejoue les actions (ventes puis achats), v2 va aux cibles. */
    public PerfectCopy follow(Signal signal, MarketSnapshot market) {
        BigDecimal total = valueUsdt(market);
        if (total == null) {
            return this;
        }
        return signal.isRebalance() ? rebalance(signal, market, total) : replay(signal, market, total);
    }

    /** Un dépôt : la copie reçoit le même USDC. */
    public PerfectCopy deposit(BigDecimal usdc) {
        return new PerfectCopy(cashUsdt.add(usdc), holdings);
    }

    /** Un retrait de {@code usdc} : pris sur tout le portefeuille en proportion (rien n'est vendu au détail). */
    public PerfectCopy withdraw(BigDecimal usdc, MarketSnapshot market) {
        BigDecimal total = valueUsdt(market);
        if (total == null || total.signum() <= 0) {
            return this;
        }
        BigDecimal kept = Money.ratio(total.subtract(usdc).max(BigDecimal.ZERO), total);
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        holdings.forEach((pair, quantity) -> held.put(pair, Money.round(quantity.multiply(kept))));
        return new PerfectCopy(Money.round(cashUsdt.multiply(kept)), held);
    }

    private PerfectCopy replay(Signal signal, MarketSnapshot market, BigDecimal total) {
        BigDecimal cash = cashUsdt;
        Map<String, BigDecimal> held = new LinkedHashMap<>(holdings);
        // les ventes d'abord (elles libèrent l'USDC), puis les achats, chaque groupe dans l'ordre du leader
        for (String side : new String[] {"SELL", "BUY"}) {
            for (Signal.Action action : signal.actions()) {
                BigDecimal price = market.price(action.coin());
                if (!side.equals(action.action()) || price == null || price.signum() <= 0 || action.pctOfCapital() == null) {
                    continue;
                }
                BigDecimal amount = action.pctOfCapital().multiply(total);
                if (side.equals("SELL")) {
                    BigDecimal quantity = Money.ratio(amount, price).min(held.getOrDefault(action.coin(), BigDecimal.ZERO));
                    held.merge(action.coin(), quantity.negate(), BigDecimal::add);
                    cash = cash.add(quantity.multiply(price));
                } else {
                    BigDecimal spent = amount.min(cash);
                    held.merge(action.coin(), Money.ratio(spent, price), BigDecimal::add);
                    cash = cash.subtract(spent);
                }
            }
        }
        held.values().removeIf(q -> q.signum() <= 0);
        return new PerfectCopy(Money.round(cash), rounded(held));
    }

    /** Les cibles normalisées (somme au plus 1) : le reste en USDC, rien n'est créé ni perdu à prix égaux. */
    private PerfectCopy rebalance(Signal signal, MarketSnapshot market, BigDecimal total) {
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        BigDecimal invested = BigDecimal.ZERO;
        for (var target : signal.targets().entrySet()) {
            BigDecimal price = market.price(target.getKey());
            if (price == null || price.signum() <= 0) {
                continue;
            }
            BigDecimal worth = target.getValue().multiply(total);
            held.merge(target.getKey(), Money.ratio(worth, price), BigDecimal::add);
            invested = invested.add(worth);
        }
        return new PerfectCopy(Money.round(total.subtract(invested)), rounded(held));
    }

    /** Les quantités gardées avec la précision des rapports (bien au-delà du pas de la bourse). */
    private static Map<String, BigDecimal> rounded(Map<String, BigDecimal> held) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        held.forEach((pair, quantity) -> out.put(pair, quantity.stripTrailingZeros()));
        return out;
    }
}
