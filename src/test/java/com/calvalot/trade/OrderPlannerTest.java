package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.calvalot.exchange.OrderRules;
import com.calvalot.exchange.Side;
import com.calvalot.exchange.SymbolFilters;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.Signal;

/** Les calculs de trading-rules.md contre des chiffres faits à la main. */
class OrderPlannerTest {

    private static final MarketSnapshot MARKET = new MarketSnapshot(Map.of(
            "BTCUSDC", new BigDecimal("100000"), "ETHUSDC", new BigDecimal("4000"), "BNBUSDC", new BigDecimal("650.3"),
            "SOLUSDC", new BigDecimal("200"), "XRPUSDC", new BigDecimal("2.3456"), "EURUSDC", new BigDecimal("1.25")),
            new BigDecimal("1.25"), false, Instant.parse("2026-11-26T10:00:00Z"));

    private final OrderPlanner planner = new OrderPlanner(new BigDecimal("0.005"));

    /** 1000 USDC + 0,01 BTC à 100 000 = 2000 USDC. */
    private static PortfolioValue portfolio(Map<String, BigDecimal> quantities) {
        return PortfolioValue.of(new BigDecimal("1000"), quantities, MARKET, true);
    }

    private static Signal v1(Signal.Action... actions) {
        return new Signal("s1", 1, null, null, List.of(actions), null, null);
    }

    private static Signal v2(Signal.TargetPosition... targets) {
        return new Signal("s2", 2, null, null, List.of(), List.of(targets), null);
    }

    private static Signal.Action act(String coin, String action, String pct) {
        return new Signal.Action(coin, action, new BigDecimal(pct));
    }

    private static Signal.TargetPosition target(String coin, String pct) {
        return new Signal.TargetPosition(coin, new BigDecimal(pct));
    }

    private static void assertOrder(PlannedOrder order, String pair, Side side, String amount) {
        assertEquals(pair, order.pair());
        assertEquals(side, order.side());
        assertEquals(null, order.skipReason());
        BigDecimal actual = side == Side.BUY ? order.quoteAmount() : order.quantity();
        assertEquals(0, new BigDecimal(amount).compareTo(actual), pair + " " + side + " " + actual);
    }

    @Test
    void v1ReplaysEachActionAsAShareOfTheTotalSellsFirst() {
        List<PlannedOrder> plan = planner.plan(v1(act("ETHUSDC", "BUY", "0.1"), act("BTCUSDC", "SELL", "0.25"),
                act("SOLUSDC", "HOLD", "0.5")), portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"))), OrderRules.NONE);

        // total 2000 : vendre 25 % = 500 USDC = 0,005 BTC ; acheter 10 % = 200 USDC d'ETH ; HOLD ne fait rien
        assertEquals(2, plan.size());
        assertOrder(plan.get(0), "BTCUSDC", Side.SELL, "0.005");
        assertOrder(plan.get(1), "ETHUSDC", Side.BUY, "200");
    }

    @Test
    void v1SkipsWhatIsUnderTheMinimumOrNotHeldAndSellsDustAway() {
        List<PlannedOrder> plan = planner.plan(v1(act("SOLUSDC", "BUY", "0.002"), act("XRPUSDC", "SELL", "0.1"),
                act("BTCUSDC", "SELL", "0.4999")), portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"))), OrderRules.NONE);

        // 0,4999 × 2000 = 999,8 USDC = 0,009998 BTC, reste 0,000002 BTC = 0,20 USDC < 2,50 : tout part
        assertEquals("XRPUSDC SELL: nothing held", plan.get(0).skipReason());
        assertOrder(plan.get(1), "BTCUSDC", Side.SELL, "0.01");
        // 0,2 % de 2000 = 4 USDC < 5
        assertEquals("SOLUSDC BUY of 4 USDC under the 5 USDC minimum", plan.get(2).skipReason());
    }

    @Test
    void v1SellIsCappedAtTheQuantityHeld() {
        List<PlannedOrder> plan = planner.plan(v1(act("BTCUSDC", "SELL", "0.9")),
                portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"))), OrderRules.NONE);

        assertOrder(plan.get(0), "BTCUSDC", Side.SELL, "0.01");
    }

    @Test
    void v2RebalancesEachPairPastTheThresholdToItsTarget() {
        List<PlannedOrder> plan = planner.plan(v2(target("BTCUSDC", "0.3"), target("ETHUSDC", "0.2"),
                target("SOLUSDC", "0.004")), portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"))), OrderRules.NONE);

        // BTC : 50 % → 30 %, vendre 400 USDC = 0,004 BTC ; ETH : 0 → 20 %, acheter 400 ; SOL : écart 0,4 % < seuil
        assertEquals(2, plan.size());
        assertOrder(plan.get(0), "BTCUSDC", Side.SELL, "0.004");
        assertOrder(plan.get(1), "ETHUSDC", Side.BUY, "400");
    }

    @Test
    void v2SellsEverythingOfAPairTheLeaderNoLongerLists() {
        List<PlannedOrder> plan = planner.plan(v2(target("ETHUSDC", "0.5")),
                portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"))), OrderRules.NONE);

        assertOrder(plan.get(0), "BTCUSDC", Side.SELL, "0.01");
        assertOrder(plan.get(1), "ETHUSDC", Side.BUY, "1000");
    }

    @Test
    void v2GapPastTheThresholdButUnderTheMinimumIsNotPlannedAtAll() {
        OrderPlanner fine = new OrderPlanner(new BigDecimal("0.001"));

        // SOL : 0 → 0,2 % de 2000 = 4 USDC < 5 : rien à faire, pas un ordre écarté
        List<PlannedOrder> plan = fine.plan(v2(target("BTCUSDC", "0.5"), target("SOLUSDC", "0.002")),
                portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"))), OrderRules.NONE);

        assertEquals(List.of(), plan);
    }

    @Test
    void v1SellsRunFirstThenBuysEachGroupInTheLeadersOrder() {
        List<PlannedOrder> plan = planner.plan(v1(act("SOLUSDC", "BUY", "0.05"), act("BTCUSDC", "SELL", "0.1"),
                act("ETHUSDC", "BUY", "0.05"), act("BNBUSDC", "BUY", "0.05"), act("ETHUSDC", "SELL", "0.5")),
                portfolio(Map.of("BTCUSDC", new BigDecimal("0.01"), "ETHUSDC", new BigDecimal("0.5"))), OrderRules.NONE);

        assertEquals(List.of("BTCUSDC SELL", "ETHUSDC SELL", "SOLUSDC BUY", "ETHUSDC BUY", "BNBUSDC BUY"),
                plan.stream().map(o -> o.pair() + " " + o.side()).toList());
    }

    @Test
    void exchangeFiltersRoundDownAndRefuseWhatTheExchangeWould() {
        OrderRules rules = OrderRules.of(Map.of(
                "XRPUSDC", new SymbolFilters("XRPUSDC", new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("9000000"),
                        new BigDecimal("5"), 8, 8),
                "BNBUSDC", new SymbolFilters("BNBUSDC", new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("9000000"),
                        new BigDecimal("5"), 8, 8)));

        // 12,345 XRP → 12,3 (pas 0,1) ; 0,0123456 BNB → 0,012 (pas 0,001)
        assertEquals(new BigDecimal("12.3"), OrderSizing.sell("XRPUSDC", new BigDecimal("12.345"), new BigDecimal("2.3456"), rules).quantity());
        assertEquals(new BigDecimal("0.012"), OrderSizing.sell("BNBUSDC", new BigDecimal("0.0123456"), new BigDecimal("650.3"), rules).quantity());
        // 2,14 XRP vaut 5,0196 USDC (passe le minimum) mais 2,1 XRP ne vaut plus que 4,92576 : refusé par NOTIONAL
        PlannedOrder refused = OrderSizing.sell("XRPUSDC", new BigDecimal("2.14"), new BigDecimal("2.3456"), rules);
        assertTrue(refused.isSkipped());
        assertEquals("XRPUSDC SELL worth 4.92576 USDC under the exchange minimum notional 5", refused.skipReason());
        // un achat par montant : 8 décimales, vers le bas
        assertEquals(new BigDecimal("10.12345678"), OrderSizing.buy("BNBUSDC", new BigDecimal("10.123456789"), new BigDecimal("650.3"), rules).quoteAmount());
    }
}
