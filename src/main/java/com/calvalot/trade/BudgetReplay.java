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
        // la copie parfaite n'a ni minimum ni arrondi : son rendement est le même à tous les budgets, calculé une fois
        Perfect perfect = new Perfect(start);
        walk(history, perfect);
        BigDecimal perfectReturn = perfect.returnPct(history);
        boolean ownListed = false;
        for (BigDecimal budget : budgetsEur) {
            boolean own = budget.compareTo(ownShown) == 0;
            ownListed |= own;
            // le budget du suiveur lui-même : ce qu'il possédait, sans aucune mise à l'échelle
            rows.add(run(history, budget, own ? BigDecimal.ONE : Money.ratio(budget, ownEur), own, perfect, perfectReturn));
        }
        if (!ownListed) {
            rows.add(run(history, ownShown, BigDecimal.ONE, true, perfect, perfectReturn));
        }
        return new Outcome(steps.get(0).receivedAt(), steps.size(), sorted(rows));
    }

    private static List<Figures> sorted(List<Figures> rows) {
        rows.sort(Comparator.comparing(Figures::budgetEur));
        return List.copyOf(rows);
    }

    /** Ce qui arrive à un compte rejoué, dans l'ordre : les dépôts et retraits connus avant chaque signal, puis le signal. */
    private interface Walker {
        void deposit(ReplayHistory.Flow flow, MarketSnapshot market);

        void withdrawal(ReplayHistory.Flow flow, MarketSnapshot market);

        void signal(ReplayHistory.Step step);
    }

    /** Les flux connus avant chaque signal, dans l'ordre où la copie parfaite les reçoit (dépôts, puis retraits). */
    private static void walk(ReplayHistory history, Walker walker) {
        int deposit = 0;
        int withdrawal = 0;
        for (ReplayHistory.Step step : history.steps()) {
            for (; deposit < history.deposits().size() && history.deposits().get(deposit).id() <= step.sizing().depositId();
                 deposit++) {
                walker.deposit(history.deposits().get(deposit), step.market());
            }
            for (; withdrawal < history.withdrawals().size()
                    && history.withdrawals().get(withdrawal).id() <= step.sizing().withdrawalId(); withdrawal++) {
                walker.withdrawal(history.withdrawals().get(withdrawal), step.market());
            }
            walker.signal(step);
        }
    }

    /**
     * La copie parfaite au budget du suiveur (PerfectCopy : elle suit les signaux que la vraie a suivis, reçoit les
     * mêmes flux), et les flux de la période en EUR : les rendements se comptent sur le départ plus les dépôts.
     */
    private static final class Perfect implements Walker {
        private PerfectCopy copy;
        private final BigDecimal startEur;
        private BigDecimal depositsEur = BigDecimal.ZERO;
        private BigDecimal withdrawalsEur = BigDecimal.ZERO;

        Perfect(SizingRecord start) {
            copy = PerfectCopy.startingFrom(start.cash(), start.held());
            startEur = eur(start.heldUsdt(), start);
        }

        @Override
        public void deposit(ReplayHistory.Flow flow, MarketSnapshot market) {
            copy = flow.usdt() == null ? copy : copy.deposit(flow.usdt());
            depositsEur = depositsEur.add(flow.eur());
        }

        @Override
        public void withdrawal(ReplayHistory.Flow flow, MarketSnapshot market) {
            copy = flow.usdt() == null ? copy : copy.withdraw(flow.usdt(), market);
            withdrawalsEur = withdrawalsEur.add(flow.eur());
        }

        @Override
        public void signal(ReplayHistory.Step step) {
            if (step.sizing().perfectFollowed()) {
                copy = copy.follow(step.signal(), step.market());
            }
        }

        BigDecimal returnPct(ReplayHistory history) {
            ReplayHistory.Step last = history.steps().get(history.steps().size() - 1);
            return returnPct(eur(copy.valueUsdt(last.market()), last.sizing()), startEur, BigDecimal.ONE);
        }

        /** (fin − départ − flux nets) / (départ + dépôts), les flux à l'échelle du budget ; null sans l'une des valeurs. */
        BigDecimal returnPct(BigDecimal endEur, BigDecimal fromEur, BigDecimal scale) {
            if (endEur == null || fromEur == null) {
                return null;
            }
            BigDecimal deposits = depositsEur.multiply(scale);
            return Money.percent(endEur.subtract(fromEur).subtract(deposits).add(withdrawalsEur.multiply(scale)),
                    fromEur.add(deposits));
        }
    }

    /** Un budget de bout en bout : son compte, signal après signal, flux compris, mis à l'échelle. */
    private Figures run(ReplayHistory history, BigDecimal budgetEur, BigDecimal scale, boolean own, Perfect perfect,
                        BigDecimal perfectReturn) {
        SizingRecord first = history.steps().get(0).sizing();
        SimulatedAccount account = new SimulatedAccount(first.cash(), first.held(), scale);
        BigDecimal startEur = eur(account.value(history.steps().get(0).market()).totalUsdt(), first);
        Totals totals = new Totals();
        walk(history, new Walker() {
            @Override
            public void deposit(ReplayHistory.Flow flow, MarketSnapshot market) {
                BigDecimal received = flow.asset() == null ? scaled(flow.usdt(), scale) : scaled(flow.quantity(), scale);
                if (received != null) {
                    account.deposit(flow.asset(), received);
                }
            }

            @Override
            public void withdrawal(ReplayHistory.Flow flow, MarketSnapshot market) {
                BigDecimal taken = flow.asset() == null ? scaled(flow.usdt(), scale) : scaled(flow.quantity(), scale);
                if (taken != null) {
                    account.withdraw(flow.asset(), taken);
                }
            }

            @Override
            public void signal(ReplayHistory.Step step) {
                if (step.sizing().planned()) {
                    trade(history, step, account, step.market(), totals);
                }
            }
        });
        ReplayHistory.Step last = history.steps().get(history.steps().size() - 1);
        BigDecimal valueEur = eur(account.value(last.market()).totalUsdt(), last.sizing());
        BigDecimal followed = perfect.returnPct(valueEur, startEur, scale);
        BigDecimal difference = followed == null || perfectReturn == null ? null : followed.subtract(perfectReturn);
        return new Figures(budgetEur, own, difference, Money.cents(totals.feesEur), totals.skipped,
                valueEur == null ? null : Money.cents(valueEur));
    }

    /** Ce qu'un budget a fait et payé : frais en EUR (au cours de chaque signal), ordres trop petits. */
    private static final class Totals {
        BigDecimal feesEur = BigDecimal.ZERO;
        int skipped;
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
        if (value.totalUsdt() == null) {
            // un prix détenu manque : le suiveur non plus n'aurait rien planifié sur ces chiffres
            return;
        }
        OrderPlanner.Counted plan = planner.planCounting(step.signal(), value, exchange.rules());
        totals.skipped += plan.unplannedUnderMinimum();
        List<OrderIntent> buys = new ArrayList<>();
        for (PlannedOrder order : plan.orders()) {
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

    /** En EUR au cours du signal ; null quand une valeur manque (un prix détenu jamais lu). */
    private static BigDecimal eur(BigDecimal usdt, SizingRecord at) {
        return usdt == null ? null : Money.ratio(usdt, at.eurUsdc());
    }
}
