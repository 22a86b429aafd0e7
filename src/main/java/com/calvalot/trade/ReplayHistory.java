package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.signal.Signal;
import com.calvalot.time.Timestamps;

/**
 * Ce que le conseiller de budget rejoue, lu en quelques requêtes bornées par la période : les signaux
 * gardés avec ce sur quoi ils ont été dimensionnés (signal_sizing), dans l'ordre ; les dépôts et
 * retraits faits entre le premier et le dernier ; et le glissement que les exécutions de CE suiveur
 * ont eu, par signal, paire et sens (un ordre qu'il n'a pas passé prend la moyenne de la paire et du sens).
 */
final class ReplayHistory {

    /**
     * Un signal rejoué : le signal tel qu'il a été planifié (la synchronisation initiale en v2), son dimensionnement
     * et ses prix (lus une fois pour tous les budgets).
     */
    record Step(String signalId, String receivedAt, Signal signal, SizingRecord sizing, MarketSnapshot market) {

        Step(String signalId, String receivedAt, Signal signal, SizingRecord sizing) {
            this(signalId, receivedAt, signal, sizing, sizing.market(Timestamps.parse(receivedAt)));
        }
    }

    /**
     * Un dépôt ou un retrait : en EUR (les rendements), en USDC (la copie parfaite), et la pièce et sa quantité
     * quand ce n'est pas de l'USDC (adoptée sur le compte, partie ailleurs).
     */
    record Flow(long id, BigDecimal eur, BigDecimal usdt, String asset, BigDecimal quantity) {
    }

    private final List<Step> steps;
    private final List<Flow> deposits;
    private final List<Flow> withdrawals;
    private final Map<Key, BigDecimal> slippage;

    /** Un ordre d'un signal (ou, {@code signalId} null, tous les ordres de la paire et du sens). */
    private record Key(String signalId, String pair, Side side) {
    }

    private ReplayHistory(List<Step> steps, List<Flow> deposits, List<Flow> withdrawals, Map<Key, BigDecimal> slippage) {
        this.steps = steps;
        this.deposits = deposits;
        this.withdrawals = withdrawals;
        this.slippage = slippage;
    }

    /** Les signaux reçus depuis {@code since} qui portent leur dimensionnement, à partir du premier où le suiveur possédait quelque chose. */
    static ReplayHistory load(Sql sql, String since) {
        List<Step> all = sql.list("SELECT s.signal_id, s.version, s.reasoning, s.actions, s.portfolio_state, z.sizing, "
                + "s.received_at FROM signals s JOIN signal_sizing z ON z.id = s.sizing_id WHERE s.received_at >= ? "
                + "AND s.sizing_id IS NOT NULL ORDER BY s.id", rs -> new Step(rs.getString(1),
                        rs.getString(7), SignalRows.of(rs.getString(1), rs.getObject(2) == null ? 1 : rs.getInt(2),
                                rs.getString(3), rs.getString(4), rs.getString(5)), SizingRecord.read(rs.getString(6))),
                since);
        int first = 0;
        while (first < all.size() && !worthSomething(all.get(first).sizing())) {
            first++;
        }
        List<Step> steps = List.copyOf(all.subList(first, all.size()));
        if (steps.isEmpty()) {
            return new ReplayHistory(steps, List.of(), List.of(), Map.of());
        }
        SizingRecord start = steps.get(0).sizing();
        SizingRecord end = steps.get(steps.size() - 1).sizing();
        List<Flow> deposits = sql.list("SELECT id, amount_eur, amount_usdt, asset, quantity FROM deposits "
                + "WHERE id > ? AND id <= ? ORDER BY id", ReplayHistory::flow, start.depositId(), end.depositId());
        List<Flow> withdrawals = sql.list("SELECT id, coalesce(amount_eur_received, amount_eur_requested), amount_usdt_sold, "
                + "asset, quantity FROM withdrawals WHERE id > ? AND id <= ? ORDER BY id", ReplayHistory::flow,
                start.withdrawalId(), end.withdrawalId());
        return new ReplayHistory(steps, deposits, withdrawals, slippage(sql, since, steps));
    }

    private static boolean worthSomething(SizingRecord sizing) {
        BigDecimal held = sizing.heldUsdt();
        return held != null && held.signum() > 0 && sizing.eurUsdc() != null && sizing.eurUsdc().signum() > 0;
    }

    private static Flow flow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Flow(rs.getLong(1), Money.fromDb(rs.getString(2)), Money.fromDb(rs.getString(3)), rs.getString(4),
                Money.fromDb(rs.getString(5)));
    }

    /**
     * Le glissement de chaque exécution de ce suiveur contre le prix lu pour son signal (positif : contre lui),
     * moyenné par signal, paire et sens, et par paire et sens sur toute la période.
     */
    private static Map<Key, BigDecimal> slippage(Sql sql, String since, List<Step> steps) {
        Map<String, SizingRecord> bySignal = new HashMap<>();
        steps.forEach(step -> bySignal.put(step.signalId(), step.sizing()));
        Map<Key, BigDecimal[]> sums = new HashMap<>();
        sql.forEach("SELECT t.signal_id, t.coin, t.action, t.price FROM signals s JOIN trades t ON t.signal_id = s.signal_id "
                + "WHERE s.received_at >= ? AND s.sizing_id IS NOT NULL", rs -> {
                    SizingRecord sizing = bySignal.get(rs.getString(1));
                    BigDecimal reference = sizing == null ? null : sizing.prices().get(rs.getString(2));
                    BigDecimal price = Money.fromDb(rs.getString(4));
                    if (reference == null || reference.signum() <= 0 || price == null) {
                        return;
                    }
                    Side side = Side.valueOf(rs.getString(3));
                    BigDecimal move = Money.ratio(price, reference).subtract(BigDecimal.ONE);
                    BigDecimal against = side == Side.BUY ? move : move.negate();
                    add(sums, new Key(rs.getString(1), rs.getString(2), side), against);
                    add(sums, new Key(null, rs.getString(2), side), against);
                }, since);
        Map<Key, BigDecimal> means = new HashMap<>();
        sums.forEach((key, sum) -> means.put(key, Money.ratio(sum[0], sum[1])));
        return means;
    }

    private static void add(Map<Key, BigDecimal[]> sums, Key key, BigDecimal value) {
        BigDecimal[] sum = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(value);
        sum[1] = sum[1].add(BigDecimal.ONE);
    }

    List<Step> steps() {
        return steps;
    }

    List<Flow> deposits() {
        return deposits;
    }

    List<Flow> withdrawals() {
        return withdrawals;
    }

    /** Le glissement qu'aurait eu cet ordre : celui de ce suiveur sur ce signal, sinon sa moyenne sur la paire, sinon aucun. */
    BigDecimal slippage(String signalId, String pair, Side side) {
        BigDecimal exact = slippage.get(new Key(signalId, pair, side));
        return exact != null ? exact : slippage.getOrDefault(new Key(null, pair, side), BigDecimal.ZERO);
    }
}
