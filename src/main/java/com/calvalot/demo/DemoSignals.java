package com.calvalot.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.calvalot.json.Json;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Le fil de signaux de la démo : rien pendant quelques secondes (204), puis une première allocation
 * v2, puis les quatre suivants toutes les 6 s et ensuite un signal toutes les 20 s, qui alterne des actions v1 et des rééquilibrages v2, avec
 * confiance et raisonnement. Tiré d'un hasard à graine fixe, donc reproductible.
 */
public class DemoSignals {

    static final Duration FIRST_SIGNAL_AFTER = Duration.ofSeconds(3);
    static final Duration PERIOD = Duration.ofSeconds(20);
    /**
     * Les premiers signaux arrivent plus vite (un par poll de la démo, à peu près) : le conseiller de budget,
     * qui attend 5 signaux, se montre en une demi-minute au lieu de deux.
     */
    static final int WARM_UP_SIGNALS = 5;
    static final Duration WARM_UP_PERIOD = Duration.ofSeconds(6);
    private static final BigDecimal MAX_INVESTED = new BigDecimal("0.85");

    private final long seed;
    private final Instant start;
    private final List<ObjectNode> published = new ArrayList<>();
    private Map<String, BigDecimal> allocation = new LinkedHashMap<>();

    public DemoSignals(long seed, Instant start) {
        this.seed = seed;
        this.start = start;
    }

    /** Le dernier signal publié à cet instant, ou null avant le premier. */
    public synchronized ObjectNode latest(Instant now) {
        Duration elapsed = Duration.between(start.plus(FIRST_SIGNAL_AFTER), now);
        if (elapsed.isNegative()) {
            return null;
        }
        Duration warmUp = WARM_UP_PERIOD.multipliedBy(WARM_UP_SIGNALS);
        long index = elapsed.compareTo(warmUp) < 0 ? elapsed.toMillis() / WARM_UP_PERIOD.toMillis()
                : WARM_UP_SIGNALS + elapsed.minus(warmUp).toMillis() / PERIOD.toMillis();
        while (published.size() <= index) {
            published.add(next(published.size()));
        }
        return published.get((int) index);
    }

    /** Quand le n-ième signal (0 : le premier) est publié, après le départ de la démo. */
    static Duration publishedAfter(int n) {
        return n < WARM_UP_SIGNALS ? FIRST_SIGNAL_AFTER.plus(WARM_UP_PERIOD.multipliedBy(n))
                : FIRST_SIGNAL_AFTER.plus(WARM_UP_PERIOD.multipliedBy(WARM_UP_SIGNALS)).plus(PERIOD.multipliedBy(n - WARM_UP_SIGNALS));
    }

    private ObjectNode next(int n) {
        Random random = new Random(seed * 31 + n);
        ObjectNode signal = Json.MAPPER.createObjectNode();
        signal.put("signal_id", "demo-" + start.getEpochSecond() + "-" + n);
        boolean rebalance = n % 2 == 0;
        signal.put("version", rebalance ? 2 : 1);
        signal.put("confidence", new BigDecimal(55 + random.nextInt(40)).movePointLeft(2));
        ArrayNode actions = signal.putArray("actions");
        String reasoning;
        if (rebalance) {
            reasoning = rebalance(random);
        } else {
            reasoning = replay(random, actions);
        }
        signal.put("reasoning", reasoning);
        ArrayNode positions = signal.putObject("portfolio_state").putArray("positions");
        allocation.forEach((coin, pct) -> positions.addObject().put("coin", coin).put("pct_of_portfolio", pct));
        signal.putObject("update").put("required", false).put("latest_version", "demo");
        return signal;
    }

    /**
     * Une nouvelle allocation : 2 à 4 paires, au plus 85 % investis. La paire « en élan » reçoit la
     * plus grosse part, et le raisonnement dit ce qui est allégé ou soldé : il doit se lire comme
     * celui d'un vrai leader, sans contredire les ordres.
     */
    private String rebalance(Random random) {
        List<String> coins = new ArrayList<>(TrackedPairs.ALL);
        java.util.Collections.shuffle(coins, random);
        int count = 2 + random.nextInt(3);
        List<BigDecimal> weights = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            weights.add(new BigDecimal(5 + random.nextInt(21)).movePointLeft(2));
        }
        weights.sort(java.util.Comparator.reverseOrder());
        Map<String, BigDecimal> next = new LinkedHashMap<>();
        BigDecimal left = MAX_INVESTED;
        for (int i = 0; i < count; i++) {
            BigDecimal pct = weights.get(i).min(left);
            next.put(coins.get(i), pct);
            left = left.subtract(pct);
        }
        List<String> trimmed = new ArrayList<>();
        List<String> sold = new ArrayList<>();
        allocation.forEach((coin, pct) -> {
            BigDecimal target = next.get(coin);
            if (target == null) {
                sold.add(TrackedPairs.baseAsset(coin));
            } else if (target.compareTo(pct) < 0) {
                trimmed.add(TrackedPairs.baseAsset(coin));
            }
        });
        Map<String, BigDecimal> previous = allocation;
        allocation = next;
        String lead = TrackedPairs.baseAsset(coins.get(0));
        StringBuilder why = new StringBuilder("Rebalancing: ").append(lead).append(previous.containsKey(coins.get(0))
                ? " momentum is building, it gets the largest share" : " is breaking out, it enters with the largest share");
        if (!trimmed.isEmpty()) {
            why.append("; trimming ").append(String.join(", ", trimmed));
        }
        if (!sold.isEmpty()) {
            why.append("; exiting ").append(String.join(", ", sold));
        }
        return why.append("; keeping ").append(left.add(BigDecimal.ONE.subtract(MAX_INVESTED)).movePointRight(2).stripTrailingZeros()
                .toPlainString()).append(" % in cash as a cushion").toString();
    }

    /** Une ou deux actions v1, appliquées aussi à l'allocation publiée. */
    private String replay(Random random, ArrayNode actions) {
        List<String> held = new ArrayList<>(allocation.keySet());
        StringBuilder why = new StringBuilder();
        if (!held.isEmpty()) {
            String coin = held.get(random.nextInt(held.size()));
            BigDecimal pct = allocation.get(coin).divide(new BigDecimal(2), 2, RoundingMode.DOWN);
            actions.addObject().put("coin", coin).put("action", "SELL").put("pct_of_capital", pct);
            allocation.put(coin, allocation.get(coin).subtract(pct));
            why.append("Taking profit on ").append(TrackedPairs.baseAsset(coin)).append(" after a strong run. ");
        }
        // jamais la paire qu'on vient d'alléger : vendre et racheter la même d'un même souffle n'a pas de sens
        List<String> candidates = new ArrayList<>(TrackedPairs.ALL);
        actions.forEach(a -> candidates.remove(a.path("coin").asText()));
        String buy = candidates.get(random.nextInt(candidates.size()));
        BigDecimal invested = allocation.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal pct = new BigDecimal(5 + random.nextInt(8)).movePointLeft(2).min(MAX_INVESTED.subtract(invested));
        if (pct.signum() > 0) {
            actions.addObject().put("coin", buy).put("action", "BUY").put("pct_of_capital", pct);
            allocation.merge(buy, pct, BigDecimal::add);
            why.append("Adding ").append(TrackedPairs.baseAsset(buy)).append(" on a breakout above resistance.");
        } else {
            actions.addObject().put("coin", buy).put("action", "HOLD").put("pct_of_capital", 0);
            why.append("Fully allocated: holding ").append(TrackedPairs.baseAsset(buy)).append(".");
        }
        return why.toString().trim();
    }
}
