package com.calvalot.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;

/**
 * Les prix du marché simulé : des prix de départ réalistes qui marchent au hasard (graine fixe),
 * d'un pas toutes les 5 s, de ±0,3 % au plus (±0,02 % pour EURUSDC). Tout en BigDecimal.
 */
public class RandomWalk {

    static final Duration STEP = Duration.ofSeconds(5);
    private static final int MAX_CATCH_UP_STEPS = 10_000;
    private static final Map<String, String> START = Map.of(
            "BTCUSDC", "97000", "ETHUSDC", "3500", "BNBUSDC", "650",
            "SOLUSDC", "180", "XRPUSDC", "2.35", TrackedPairs.EURUSDC, "1.08");

    private final Random random;
    private final Clock clock;
    private final Map<String, BigDecimal> prices = new LinkedHashMap<>();
    private Instant last;

    public RandomWalk(long seed, Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
        this.last = clock.instant();
        for (String pair : TrackedPairs.ALL) {
            prices.put(pair, new BigDecimal(START.get(pair)));
        }
        prices.put(TrackedPairs.EURUSDC, new BigDecimal(START.get(TrackedPairs.EURUSDC)));
    }

    /** Les prix à cet instant (les pas manqués sont rattrapés). */
    public synchronized Map<String, BigDecimal> prices() {
        long steps = Math.min(MAX_CATCH_UP_STEPS, Duration.between(last, clock.instant()).toMillis() / STEP.toMillis());
        for (long i = 0; i < steps; i++) {
            prices.replaceAll(this::step);
        }
        last = last.plus(STEP.multipliedBy(steps));
        return Map.copyOf(prices);
    }

    private BigDecimal step(String pair, BigDecimal price) {
        int maxBasisPoints = TrackedPairs.EURUSDC.equals(pair) ? 2 : 30;
        BigDecimal move = new BigDecimal(random.nextInt(2 * maxBasisPoints + 1) - maxBasisPoints).movePointLeft(4);
        BigDecimal tick = new BigDecimal(DemoExchangeInfo.filters(pair).tickSize());
        return Money.floorToStep(price.multiply(BigDecimal.ONE.add(move)), tick);
    }
}
