package com.calvalot.perfect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La copie parfaite contre un registre calculé à la main (trading-rules.md, « Perfect copy ») : un petit
 * budget, un signal v2 dont deux cibles sont sous le minimum de 5 USDC (le suiveur ne les achète pas,
 * la copie parfaite si), une hausse de prix, un dépôt entre les deux. Le rendement de la copie doit
 * tomber sur le chiffre fait à la main, au centime.
 */
class PerfectCopyTest {

    private static final String SECRET = "perfect-copy-leader-secret";
    private static final MathContext EXACT = new MathContext(40);

    @TempDir
    Path dir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();
    private final MutableClock clock = new MutableClock(Instant.now());
    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        leader.close();
        binance.close();
    }

    private void start() {
        Map<String, String> env = FakeLeader.followerEnv(dir, leader, SECRET, binance);
        env.put("INITIAL_BUDGET_EUR", "20");
        leader.useClock(clock);
        app = RunningApp.start(env, clock);
        Await.until("the timer's first poll", Duration.ofSeconds(10),
                () -> app.sql().one("SELECT last_poll_time FROM agent_state", rs -> rs.getString(1)) != null);
    }

    private JsonNode get(String path) throws Exception {
        return Json.MAPPER.readTree(app.get(path).body());
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void thePerfectCopysReturnMatchesTheHandComputedLedgerToTheCent() throws Exception {
        start();
        // 20 EUR = 21,60 USDC ; cibles : BTC 50 %, ETH 30 %, SOL 10 % (2,16 USDC) et XRP 5 % (1,08 USDC) sous le minimum
        leader.publish("""
                {"signal_id": "p1", "version": 2, "actions": [],
                 "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.5},
                   {"coin": "ETHUSDC", "pct_of_portfolio": 0.3}, {"coin": "SOLUSDC", "pct_of_portfolio": 0.1},
                   {"coin": "XRPUSDC", "pct_of_portfolio": 0.05}]}}
                """);
        assertEquals("executed", app.poll().path("status").asText());
        assertEquals(Integer.valueOf(2), app.sql().one("SELECT count(*) FROM trades", rs -> rs.getInt(1)), "SOL and XRP under the minimum");

        // le BTC monte à 100 000, le SOL à 200 ; puis 10 EUR déposés (10,80 USDC)
        clock.advance(Duration.ofMinutes(5));
        binance.setPrice("BTCUSDC", "100000");
        binance.setPrice("SOLUSDC", "200");
        app.poll();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(200, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 10}").statusCode());
        app.poll();

        // à la main : 21,60 USDC répartis aux prix du signal, 1,08 USDC de reste, puis les nouveaux prix et le dépôt
        BigDecimal btc = d("10.8").divide(d("97000.10"), EXACT);
        BigDecimal eth = d("6.48").divide(d("3500.55"), EXACT);
        BigDecimal sol = d("2.16").divide(d("180.12"), EXACT);
        BigDecimal xrp = d("1.08").divide(d("2.3456"), EXACT);
        BigDecimal endUsdc = btc.multiply(d("100000")).add(eth.multiply(d("3500.55"))).add(sol.multiply(d("200")))
                .add(xrp.multiply(d("2.3456"))).add(d("1.08")).add(d("10.8"));
        BigDecimal endEur = endUsdc.divide(d("1.08"), EXACT);
        BigDecimal startEur = d("20");
        BigDecimal handReturn = endEur.subtract(startEur).subtract(d("10")).divide(startEur.add(d("10")), EXACT)
                .multiply(d("100")).setScale(2, RoundingMode.HALF_EVEN);

        JsonNode tracking = get("/api/copy/tracking?period=1d");
        assertEquals(0, handReturn.compareTo(tracking.path("perfect_return_pct").decimalValue()), tracking.toString());
        JsonNode points = tracking.path("points");
        assertEquals(0, endEur.setScale(2, RoundingMode.HALF_EVEN).compareTo(
                points.get(points.size() - 1).path("perfect_eur").decimalValue().setScale(2, RoundingMode.HALF_EVEN)),
                tracking.toString());
        assertEquals(0, startEur.compareTo(points.get(0).path("perfect_eur").decimalValue().setScale(2, RoundingMode.HALF_EVEN)));
        assertEquals(1, tracking.path("signals").asInt());
        // le suiveur n'a ni SOL ni XRP, paie frais et glissement : il fait moins bien, et l'écart se lit en points et en EUR
        BigDecimal difference = tracking.path("tracking_difference_pct").decimalValue();
        assertTrue(difference.signum() < 0, tracking.toString());
        assertEquals(0, tracking.path("follower_return_pct").decimalValue().subtract(handReturn).compareTo(difference));
        assertTrue(tracking.path("cost_of_copying_eur").decimalValue().signum() > 0, tracking.toString());

        // la même réponse après un redémarrage (rien n'est recalculé de mémoire), et /metrics l'exporte
        app.close();
        app = RunningApp.start(FakeLeader.followerEnv(dir, leader, SECRET, binance), clock);
        assertEquals(tracking.path("perfect_return_pct").decimalValue(),
                get("/api/copy/tracking?period=1d").path("perfect_return_pct").decimalValue());
        String gauge = app.get("/metrics").body().lines().filter(l -> l.startsWith("calvalot_tracking_difference_pct "))
                .findFirst().orElseThrow();
        assertEquals(0, difference.compareTo(new BigDecimal(gauge.substring(gauge.indexOf(' ') + 1)).setScale(2,
                RoundingMode.HALF_EVEN)), gauge);
        assertEquals(400, app.get("/api/copy/tracking?period=2y").statusCode());
    }

    @Test
    void targetsAddingUpToMoreThanOneAreScaledAndThePerfectCopyNeverCreatesMoney() throws Exception {
        start();
        // dix fois les mêmes cibles à 1,05 en tout (le leader les arrondit), aux mêmes prix
        for (int i = 1; i <= 10; i++) {
            leader.publish("""
                    {"signal_id": "over-%d", "version": 2, "actions": [],
                     "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.55},
                       {"coin": "ETHUSDC", "pct_of_portfolio": 0.5}]}}
                    """.formatted(i));
            app.poll();
            clock.advance(Duration.ofMinutes(3));
        }
        JsonNode points = get("/api/copy/tracking?period=1d").path("points");
        assertTrue(points.size() >= 10, points.toString());
        for (JsonNode point : points) {
            assertEquals(0, d("20").compareTo(point.path("perfect_eur").decimalValue().setScale(2, RoundingMode.HALF_EVEN)),
                    "unchanged prices, no flow: the perfect copy keeps its value " + points);
        }
    }
}
