package com.calvalot.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Les signaux de la démo se lisent comme ceux d'un vrai leader : jamais vendre et racheter la même paire d'un souffle. */
class DemoSignalsTest {

    private static List<ObjectNode> signals(long seed, int count) {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        DemoSignals demo = new DemoSignals(seed, start);
        List<ObjectNode> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            all.add(demo.latest(start.plus(DemoSignals.publishedAfter(n))));
        }
        return all;
    }

    @Test
    void aVersion1SignalNeverSellsAndBuysTheSameCoin() {
        for (long seed = 1; seed <= 40; seed++) {
            for (ObjectNode signal : signals(seed, 12)) {
                if (signal.path("version").asInt() != 1) {
                    continue;
                }
                Set<String> sold = new HashSet<>();
                Set<String> bought = new HashSet<>();
                for (JsonNode action : signal.path("actions")) {
                    String coin = action.path("coin").asText();
                    switch (action.path("action").asText()) {
                        case "SELL" -> sold.add(coin);
                        case "BUY" -> bought.add(coin);
                        default -> { }
                    }
                    // le raisonnement nomme chaque pièce traitée
                    assertTrue(signal.path("reasoning").asText().contains(TrackedPairs.baseAsset(coin)), signal.toString());
                }
                sold.retainAll(bought);
                assertEquals(Set.of(), sold, signal.toString());
            }
        }
    }

    @Test
    void aRebalanceGivesTheCoinItNamesTheLargestShareAndSaysWhatItLeaves() {
        for (long seed = 1; seed <= 40; seed++) {
            Set<String> held = new HashSet<>();
            for (ObjectNode signal : signals(seed, 12)) {
                List<JsonNode> positions = new ArrayList<>();
                signal.path("portfolio_state").path("positions").forEach(positions::add);
                BigDecimal invested = positions.stream().map(p -> p.path("pct_of_portfolio").decimalValue())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertTrue(invested.compareTo(new BigDecimal("0.85")) <= 0, signal.toString());
                if (signal.path("version").asInt() == 2) {
                    String reasoning = signal.path("reasoning").asText();
                    JsonNode largest = positions.stream().max((a, b) -> a.path("pct_of_portfolio").decimalValue()
                            .compareTo(b.path("pct_of_portfolio").decimalValue())).orElseThrow();
                    assertTrue(reasoning.startsWith("Rebalancing: " + TrackedPairs.baseAsset(largest.path("coin").asText()) + " "),
                            reasoning + " / " + positions);
                    Set<String> now = new HashSet<>();
                    positions.forEach(p -> now.add(p.path("coin").asText()));
                    for (String coin : held) {
                        if (!now.contains(coin)) {
                            assertTrue(reasoning.contains("exiting") && reasoning.contains(TrackedPairs.baseAsset(coin)), reasoning);
                        }
                    }
                    assertFalse(reasoning.contains("null"), reasoning);
                }
                held.clear();
                positions.forEach(p -> held.add(p.path("coin").asText()));
            }
        }
    }
}
