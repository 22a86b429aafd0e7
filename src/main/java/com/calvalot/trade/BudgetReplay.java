package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.OrderRequest;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.perfect.PerfectCopy;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.time.Timestamps;

/**
 * Le conseiller de budget (dashboard.md, « If you had followed with… ») : les signaux du leader que ce
 * suiveur a suivis, rejoués à d'autres budgets avec le MÊME planificateur, les mêmes filtres, limites de
 * risque et commission, gardés avec chaque signal, et le glissement qu'ont eu ses propres exécutions. Chaque
 * budget part de ce que possédait le suiveur au premier signal rejoué, à l'échelle du budget, reçoit les
 * mêmes dépôts et retraits à la même échelle, et se compare à une copie parfaite partie du même point. Aucun
 * ordre, aucune requête, rien d'écrit : un calcul.
 */
public class BudgetReplay {

    /** Les chiffres d'un budget sur la période ; {@code own} : celui du suiveur. Null partout sans signal à rejouer. */
    public record Figures(BigDecimal budgetEur, boolean own, BigDecimal trackingDifferencePct, BigDecimal feesEur,
                          Integer ordersSkipped, BigDecimal valueEur) {
    }

    /** Depuis quand (le premier signal rejoué), combien de signaux, et une ligne par budget, rangées par budget. */
    public record Outcome(String since, int signalsReplayed, List<Figures> rows) {
    }

    private final Sql sql;
    private final OrderPlanner planner;

    public BudgetReplay(Sql sql, OrderPlanner planner) {
        this.sql = sql;
        this.planner = planner;
    }

    /** Les signaux reçus depuis {@code since}, rejoués à chaque budget en EUR (et à celui du suiveur). */
    public Outcome replay(Instant since, List<BigDecimal> budgetsEur) {
        ReplayHistory history = ReplayHistory.load(sql, Timestamps.format(since));
        List<ReplayHistory.Step> steps = history.steps();
        List<Figures> rows = new ArrayList<>();
        if (steps.isEmpty()) {
            budgetsEur.forEach(budget -> rows.add(new Figures(budget, false, null, null, null, null)));
            return new Outcome(null, 0, sorted(rows));
        }
        SizingRecord start = steps.get(0).sizing();
        BigDecimal ownEur = Money.ratio(start.heldUsdt(), start.eurUsdc());
        BigDecimal ownShown = Money.cents(ownEur);
        boolean ownListed = false;
        for (BigDecimal budget : budgetsEur) {
            boolean own = budget.compareTo(ownShown) == 0;
            ownListed |= own;
            // le budget du suiveur lui-même : ce qu'il possédait, sans aucune mise à l'échelle
            rows.add(run(history, budget, own ? BigDecimal.ONE : Money.ratio(budget, ownEur), own));
        }
        if (!ownListed) {
            rows.add(run(history, ownShown, BigDecimal.ONE, true));
        }
        return new Outcome(steps.get(0).receivedAt(), steps.size(), sorted(rows));
    }

    private static List<Figures> sorted(List<Figures> rows) {
        rows.sort(Comparator.comparing(Figures::budgetEur));
        return List.copyOf(rows);
    }

    /** Un budget de bout en bout : son compte et sa copie parfaite, signal après signal, flux compris. */
    private Figures run(ReplayHistory history, BigDecimal budgetEur, BigDecimal scale, boolean own) {
        List<ReplayHistory.Step> steps = history.steps();
        SizingRecord first = steps.get(0).sizing();
        SimulatedAccount account = new SimulatedAccount(first.cash(), first.held(), scale);
        PerfectCopy perfect = PerfectCopy.startingFrom(account.cash(), account.held());
        BigDecimal startEur = eur(account.value(market(steps.get(0))).totalUsdt(), first);
        Totals totals = new Totals();
        int deposit = 0;
        int withdrawal = 0;
        for (ReplayHistory.Step step : steps) {
            MarketSnapshot market = market(step);
            // les flux connus avant ce signal, dans l'ordre où la copie parfaite les reçoit (dépôts, puis retraits)
            for (; deposit < history.deposits().size() && history.deposits().get(deposit).id() <= step.sizing().depositId();
                 deposit++) {
                ReplayHistory.Flow flow = history.deposits().get(deposit);
                BigDecimal usdt = scaled(flow.usdt(), scale);
                BigDecimal received = flow.asset() == null ? usdt : scaled(flow.quantity(), scale);
                if (received != null) {
                    account.deposit(flow.asset(), received);
                }
                perfect = usdt == null ? perfect : perfect.deposit(usdt);
                totals.deposits = totals.deposits.add(flow.eur().multiply(scale));
            }
            for (; withdrawal < history.withdrawals().size()
                    && history.withdrawals().get(withdrawal).id() <= step.sizing().withdrawalId(); withdrawal++) {
                ReplayHistory.Flow flow = history.withdrawals().get(withdrawal);
                BigDecimal usdt = scaled(flow.usdt(), scale);
                BigDecimal taken = flow.asset() == null ? usdt : scaled(flow.quantity(), scale);
                if (taken != null) {
                    account.withdraw(flow.asset(), taken);
                }
                perfect = usdt == null ? perfect : perfect.withdraw(usdt, market);
                totals.withdrawals = totals.withdrawals.add(flow.eur().multiply(scale));
            }
            if (step.sizing().planned()) {
                trade(history, step, account, market, totals);
            }
            if (step.sizing().perfectFollowed()) {
                perfect = perfect.follow(step.signal(), market);
            }
        }
        ReplayHistory.Step last = steps.get(steps.size() - 1);
        BigDecimal valueEur = eur(account.value(market(last)).totalUsdt(), last.sizing());
        BigDecimal perfectEur = eur(perfect.valueUsdt(market(last)), last.sizing());
        BigDecimal flows = totals.deposits.subtract(totals.withdrawals);
        BigDecimal base = startEur.add(totals.deposits);
        BigDecimal difference = Money.percent(valueEur.subtract(startEur).subtract(flows), base)
                .subtract(Money.percent(perfectEur.subtract(startEur).subtract(flows), base));
        return new Figures(budgetEur, own, difference, Money.cents(totals.feesEur), totals.skipped, Money.cents(valueEur));
    }

    /** Ce qu'un budget a fait et payé : frais en EUR (au cours de chaque signal), ordres trop petits, flux. */
    private static final class Totals {
        BigDecimal feesEur = BigDecimal.ZERO;
        int skipped;
        BigDecimal deposits = BigDecimal.ZERO;
        BigDecimal withdrawals = BigDecimal.ZERO;
    }

    /**
     * Un signal comme le suiveur l'a exécuté : le plan (planificateur, limites, filtres), les ventes, puis les
     * achats plafonnés ensemble à l'USDC que les ventes ont laissé (BuyCaps), chaque ordre exécuté au prix du
     * signal décalé du glissement de ce suiveur.
     */
    private void trade(ReplayHistory history, ReplayHistory.Step step, SimulatedAccount account, MarketSnapshot market,
                       Totals totals) {
        ReplayExchange exchange = new ReplayExchange(history, step);
        PortfolioValue value = account.value(market);
        List<PlannedOrder> plan = planner.plan(step.signal(), value, exchange.rules());
        totals.skipped += planner.unplannedUnderMinimum(step.signal(), value);
        List<OrderIntent> buys = new ArrayList<>();
        for (PlannedOrder order : plan) {
            if (order.isSkipped()) {
                totals.skipped += tooSmall(order, value, step) ? 1 : 0;
            } else if (order.side() == Side.SELL) {
                fill(exchange, account, market, step, totals, new OrderRequest("replay", order.pair(), Side.SELL, null,
                        order.quantity(), market.price(order.pair())));
            } else {
                buys.add(new OrderIntent(0, step.signalId(), buys.size(), "replay", order.pair(), Side.BUY,
                        order.quoteAmount(), null, OrderIntent.PLANNED, null, false));
            }
        }
        BuyCaps.Capped capped = BuyCaps.cap(buys, account.cash(), exchange, market);
        totals.skipped += capped.skipped().size();
        for (OrderIntent buy : capped.sending()) {
            fill(exchange, account, market, step, totals, buy.request(market.price(buy.pair())));
        }
    }

    private static void fill(ReplayExchange exchange, SimulatedAccount account, MarketSnapshot market,
                             ReplayHistory.Step step, Totals totals, OrderRequest request) {
        OrderFill fill = exchange.place(request);
        account.apply(request.pair(), request.side(), fill);
        totals.feesEur = totals.feesEur.add(Money.ratio(fill.feeUsdc(), step.sizing().eurUsdc()));
    }

    /**
     * Écarté parce que trop petit (sous les 5 USDC, ou sous les minimums de la bourse après arrondi) ; pas une
     * paire à l'arrêt, exclue ou jamais détenue, qu'aucun budget n'aurait tradée.
     */
    private static boolean tooSmall(PlannedOrder order, PortfolioValue value, ReplayHistory.Step step) {
        if (order.limitReason() != null) {
            return false;
        }
        if (order.side() == Side.SELL && value.quantities().getOrDefault(order.pair(), BigDecimal.ZERO).signum() <= 0) {
            return false;
        }
        return step.sizing().rules() == null || step.sizing().rules().refusal(order.pair(), order.side().name()) == null;
    }

    private static BigDecimal scaled(BigDecimal amount, BigDecimal scale) {
        return amount == null ? null : Money.round(amount.multiply(scale));
    }

    private static MarketSnapshot market(ReplayHistory.Step step) {
        return step.sizing().market(Timestamps.parse(step.receivedAt()));
    }

    private static BigDecimal eur(BigDecimal usdt, SizingRecord at) {
        return Money.ratio(usdt, at.eurUsdc());
    }
}
