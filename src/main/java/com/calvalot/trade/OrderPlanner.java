package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.config.RiskSettings;
import com.calvalot.exchange.OrderRules;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.Signal;
import com.calvalot.signal.TrackedPairs;

/**
 * Du signal aux ordres (trading-rules.md) : v1 rejoue les actions, v2 rééquilibre vers
 * portfolio_state. Les ventes d'abord (elles libèrent l'USDC), puis les achats ; le montant d'un
 * achat est encore plafonné aux liquidités restantes au moment de l'envoi ({@link OrderSizing}).
 * Les limites de risque ({@link RiskLimits}) s'appliquent au plan avant qu'il soit écrit.
 */
public class OrderPlanner {

    private final BigDecimal threshold;
    private final RiskLimits limits;

    public OrderPlanner(BigDecimal rebalanceThreshold) {
        this(rebalanceThreshold, new RiskLimits(RiskSettings.NONE));
    }

    public OrderPlanner(BigDecimal rebalanceThreshold, RiskLimits limits) {
        this.threshold = rebalanceThreshold;
        this.limits = limits;
    }

    public List<PlannedOrder> plan(Signal signal, PortfolioValue value, OrderRules rules) {
        return plan(signal, AccountView.of(value), rules);
    }

    /**
     * Les parts se visent sur ce que le suiveur possède, les ordres se taillent dans ce qui est disponible ;
     * une paire dont un ordre n'est pas résolu n'a pas d'ordre (sa raison le dit).
     */
    List<PlannedOrder> plan(Signal signal, AccountView view, OrderRules rules) {
        return plan(signal, view, rules, null);
    }

    /** Un plan, et le nombre d'écarts v2 trop petits pour être planifiés (le conseiller de budget les compte). */
    record Counted(List<PlannedOrder> orders, int unplannedUnderMinimum) {
    }

    /** Le même plan, en comptant les écarts v2 qui passent le seuil mais valent moins que MIN_ORDER_USDC. */
    Counted planCounting(Signal signal, PortfolioValue value, OrderRules rules) {
        int[] unplanned = {0};
        List<PlannedOrder> orders = plan(signal, AccountView.of(value), rules, unplanned);
        return new Counted(orders, unplanned[0]);
    }

    private List<PlannedOrder> plan(Signal signal, AccountView view, OrderRules rules, int[] unplanned) {
        PortfolioValue value = view.value();
        List<PlannedOrder> orders = signal.isRebalance() ? rebalance(signal, value, rules, unplanned)
                : replay(signal, value, rules);
        List<PlannedOrder> limited = limits.apply(orders, value, rules);
        // live : une vente de BNB ne compte pas sur le BNB que les commissions de sa vague vont prendre
        List<PlannedOrder> sorted = new ArrayList<>(value.account() == null ? limited
                : BnbFeeReserve.keepBack(limited, value, rules));
        sorted.replaceAll(order -> {
            String notPlanned = view.notPlanned(order.pair());
            return notPlanned == null ? order : PlannedOrder.skipped(order.pair(), order.side(), notPlanned).limitedBy(notPlanned);
        });
        sorted.sort(Comparator.comparing(o -> o.side() == Side.SELL ? 0 : 1));
        return sorted;
    }

    /** v1 : pour chaque action, montant = pct_of_capital × total (deux actions identiques s'additionnent). */
    private List<PlannedOrder> replay(Signal signal, PortfolioValue value, OrderRules rules) {
        Map<String, BigDecimal> pctByOrder = new LinkedHashMap<>();
        for (Signal.Action action : signal.actions()) {
            if (action.action().equals("BUY") || action.action().equals("SELL")) {
                pctByOrder.merge(action.coin() + " " + action.action(), action.pctOfCapital(), BigDecimal::add);
            }
        }
        List<PlannedOrder> orders = new ArrayList<>();
        pctByOrder.forEach((key, pct) -> {
            String pair = key.substring(0, key.indexOf(' '));
            Side side = Side.valueOf(key.substring(key.indexOf(' ') + 1));
            if (pct.signum() > 0) {
                orders.add(order(pair, side, pct.multiply(value.totalUsdt()), value, rules));
            }
        });
        return orders;
    }

    /**
     * v2 : chaque paire dont l'écart à la cible dépasse le seuil ET vaut au moins MIN_ORDER_USDC est
     * ramenée à sa cible. Un écart sous l'une des bornes n'est pas planifié du tout : un suiveur déjà
     * aussi proche que possible n'a rien à faire (signal executed, pas skipped).
     */
    private List<PlannedOrder> rebalance(Signal signal, PortfolioValue value, OrderRules rules, int[] unplanned) {
        Map<String, BigDecimal> targets = signal.targets();
        List<PlannedOrder> orders = new ArrayList<>();
        for (String pair : TrackedPairs.ALL) {
            BigDecimal gap = targets.getOrDefault(pair, BigDecimal.ZERO).subtract(value.share(pair));
            BigDecimal worth = gap.abs().multiply(value.totalUsdt());
            if (gap.signum() == 0 || gap.abs().compareTo(threshold) < 0) {
                continue;
            }
            if (worth.compareTo(Money.MIN_ORDER_USDC) >= 0) {
                orders.add(order(pair, gap.signum() > 0 ? Side.BUY : Side.SELL, worth, value, rules));
            } else if (unplanned != null && !limits.excludes(pair)) {
                // trop petit pour être planifié ; une paire de EXCLUDE_COINS ne serait jamais tradée de toute façon
                unplanned[0]++;
            }
        }
        return orders;
    }

    private static PlannedOrder order(String pair, Side side, BigDecimal worth, PortfolioValue value, OrderRules rules) {
        BigDecimal amount = Money.down(worth);
        return side == Side.BUY ? OrderSizing.buy(pair, amount, value.market().price(pair), rules)
                : sell(pair, amount, value, rules);
    }

    /**
     * Vendre pour {@code amount} USDC, plafonné à ce qui est détenu ; un reste de poussière part avec.
     * Seul le libre se vend : une pièce sous un ordre de l'utilisateur (bloquée) reste, avec sa raison.
     */
    private static PlannedOrder sell(String pair, BigDecimal amount, PortfolioValue value, OrderRules rules) {
        BigDecimal held = value.quantities().getOrDefault(pair, BigDecimal.ZERO);
        if (held.signum() <= 0) {
            return PlannedOrder.skipped(pair, Side.SELL, pair + " SELL: nothing held");
        }
        BigDecimal price = value.market().price(pair);
        BigDecimal quantity = Money.down(Money.ratio(amount, price)).min(held);
        if (held.subtract(quantity).multiply(price).compareTo(Money.ANTI_DUST_USDC) < 0) {
            quantity = held;
        }
        BigDecimal free = value.sellable(pair);
        if (quantity.compareTo(free) <= 0) {
            return OrderSizing.sell(pair, quantity, price, rules);
        }
        String locked = pair + " SELL: " + Money.plain(quantity.subtract(free)) + " of " + Money.plain(quantity)
                + " not sold, locked on the exchange (an open order of yours, or a transfer)";
        if (free.signum() <= 0) {
            return PlannedOrder.skipped(pair, Side.SELL, locked);
        }
        PlannedOrder sized = OrderSizing.sell(pair, free, price, rules);
        return sized.isSkipped() ? PlannedOrder.skipped(pair, Side.SELL, locked + "; " + sized.skipReason())
                : sized.limitedBy(locked);
    }
}
