package com.calvalot.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.MutableClock;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/copy/advisor par les vraies routes : un suiveur en dry run copie un leader (doublures du leader et
 * de Binance) ; rejoué à son propre budget, le conseiller retrouve son propre écart de suivi
 * (/api/copy/tracking) à son glissement près, et un petit budget dit ce qu'il perd. Des paramètres mal
 * formés répondent 400, comme partout dans l'API.
 */
class AdvisorApiTest {

    private static final String SECRET = "advisor-leader-secret";

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
        env.put("INITIAL_BUDGET_EUR", "100");
        leader.useClock(clock);
        app = RunningApp.start(env, clock);
        Await.until("the timer's first poll", Duration.ofSeconds(10),
                () -> app.sql().one("SELECT last_poll_time FROM agent_state", rs -> rs.getString(1)) != null);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = app.get(path);
        assertEquals(200, answer.statusCode(), path + " " + answer.body());
        return Json.MAPPER.readTree(answer.body());
    }

    @Test
    void atItsOwnBudgetTheDryRunReplayGivesTheFollowersOwnTrackingDifference() throws Exception {
        start();
        JsonNode advice = scenario(leader, binance, clock, app, true);
        // le dry run n'arrondit pas au pas : 1000 EUR ne saute aucun ordre
        assertEquals(0, advice.path("rows").path(2).path("orders_skipped").asInt(), advice.toString());
    }

    /**
     * Live sur le compte strict (FakeSpotAccount, LIVE_SIZING=wallet, 108 USDC) : les filtres de la bourse gardés avec
     * chaque signal (pas, minimum notionnel), la commission prise sur ce qui est reçu, au taux que dit le compte.
     */
    @Test
    void atItsOwnBudgetTheLiveReplayGivesTheFollowersOwnTrackingDifference() throws Exception {
        try (LiveFollower live = new LiveFollower()) {
            live.account.setBalance("USDC", "108");
            live.start(dir, "wallet");
            JsonNode advice = scenario(live.leader, live.binance, live.clock, live.app(), false);
            JsonNode sizing = Json.MAPPER.readTree(live.one("SELECT z.sizing FROM signals s JOIN signal_sizing z "
                    + "ON z.id = s.sizing_id WHERE s.signal_id = 'a1'"));
            assertEquals("0.00001", sizing.path("filters").path("BTCUSDC").path("step").asText(), sizing.toString());
            assertEquals("0.001", sizing.path("commission").path("rate").asText(), "the account's taker rate");
            assertEquals(false, sizing.path("commission").path("on_top").asBoolean());
            assertEquals("108", sizing.path("cash").asText(), sizing.toString());
        }
    }

    /**
     * Cinq signaux (v1 et v2, des prix qui bougent, un achat sous le minimum, un dépôt en dry run) ; puis le conseiller
     * à 25 EUR, au budget du suiveur (100 EUR) et à 1000 EUR, comparé à /api/copy/tracking.
     */
    private JsonNode scenario(FakeLeader leader, FakeBinance binance, MutableClock clock, RunningApp app, boolean deposit)
            throws Exception {
        Copier copy = signal -> {
            clock.advance(Duration.ofMinutes(2));
            leader.publish(signal);
            assertEquals("executed", app.poll().path("status").asText(), signal);
        };
        // le premier signal ne trade rien : la copie parfaite part au même point que le suiveur, comme le conseiller
        copy.copy("{\"signal_id\": \"a0\", \"version\": 1, \"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"HOLD\", "
                + "\"pct_of_capital\": 0}]}");
        copy.copy("{\"signal_id\": \"a1\", \"version\": 1, \"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", "
                + "\"pct_of_capital\": 0.3}, {\"coin\": \"ETHUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.2}]}");
        binance.setPrice("BTCUSDC", "101000");
        binance.setPrice("XRPUSDC", "2.5");
        // 4 % de 100 EUR : 4,32 USDC, sous le minimum ici aussi
        copy.copy("{\"signal_id\": \"a2\", \"version\": 1, \"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"SELL\", "
                + "\"pct_of_capital\": 0.1}, {\"coin\": \"XRPUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.04}]}");
        BigDecimal deposited = BigDecimal.ZERO;
        if (deposit) {
            clock.advance(Duration.ofMinutes(2));
            assertEquals(200, app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 50}").statusCode());
            deposited = new BigDecimal("50");
        }
        binance.setPrice("ETHUSDC", "3300");
        binance.setPrice("SOLUSDC", "190");
        copy.copy("{\"signal_id\": \"a3\", \"version\": 2, \"actions\": [], \"portfolio_state\": {\"positions\": ["
                + "{\"coin\": \"BTCUSDC\", \"pct_of_portfolio\": 0.3}, {\"coin\": \"SOLUSDC\", \"pct_of_portfolio\": 0.2}, "
                + "{\"coin\": \"ETHUSDC\", \"pct_of_portfolio\": 0.1}]}}");
        binance.setPrice("BNBUSDC", "640");
        copy.copy("{\"signal_id\": \"a4\", \"version\": 1, \"actions\": [{\"coin\": \"BNBUSDC\", \"action\": \"BUY\", "
                + "\"pct_of_capital\": 0.05}]}");
        clock.advance(Duration.ofMinutes(2));
        app.poll();

        JsonNode tracking = json(app, "/api/copy/tracking?period=1d");
        JsonNode advice = json(app, "/api/copy/advisor?budgets=25,1000");
        assertEquals(5, advice.path("signals_replayed").asInt(), advice.toString());
        List<JsonNode> rows = new ArrayList<>();
        advice.path("rows").forEach(rows::add);
        assertEquals(List.of("25", "100", "1000"), rows.stream().map(r -> r.path("budget_eur").decimalValue().toPlainString())
                .toList(), "sorted by budget, the follower's own 100 EUR among them: " + advice);
        JsonNode own = rows.get(1);
        assertTrue(own.path("own").asBoolean(), advice.toString());

        // le glissement que ses exécutions ont eu, en points de rendement (départ 100 EUR, plus ce qui est déposé)
        BigDecimal slippageUsdc = app.sql().list("SELECT t.price, t.quantity, json_extract(z.sizing, '$.prices.' || t.coin) "
                + "FROM trades t JOIN signals s ON s.signal_id = t.signal_id JOIN signal_sizing z ON z.id = s.sizing_id",
                rs -> new BigDecimal(rs.getString(1))
                        .subtract(new BigDecimal(rs.getString(3))).abs().multiply(new BigDecimal(rs.getString(2))))
                .stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal slippagePct = slippageUsdc.divide(new BigDecimal("1.08"), 10, RoundingMode.HALF_EVEN)
                .divide(new BigDecimal("100").add(deposited), 10, RoundingMode.HALF_EVEN).multiply(new BigDecimal("100"));
        BigDecimal gap = own.path("tracking_difference_pct").decimalValue()
                .subtract(tracking.path("tracking_difference_pct").decimalValue()).abs();
        assertTrue(gap.compareTo(slippagePct.add(new BigDecimal("0.01"))) <= 0, "advisor " + own + " against tracking "
                + tracking.path("tracking_difference_pct") + ": " + gap + " points apart, slippage " + slippagePct);
        assertTrue(tracking.path("tracking_difference_pct").decimalValue().signum() < 0, tracking.toString());
        assertEquals(0, own.path("fees_eur").decimalValue().compareTo(tracking.path("fees_eur").decimalValue()),
                "the same fees: " + own + " / " + tracking.path("fees_eur"));
        assertTrue(own.path("orders_skipped").asInt() >= 1, "the XRP buy of 4.32 USDC: " + own);

        // 25 EUR : plus d'ordres trop petits (le sens de l'écart dépend des prix qui ont bougé) ; 1000 EUR : à 1 %
        JsonNode small = rows.get(0);
        JsonNode large = rows.get(2);
        assertTrue(small.path("orders_skipped").asInt() > own.path("orders_skipped").asInt(), advice.toString());
        assertTrue(large.path("tracking_difference_pct").decimalValue().abs().compareTo(BigDecimal.ONE) <= 0, advice.toString());

        // la même réponse, gardée jusqu'au prochain signal
        assertEquals(advice, json(app, "/api/copy/advisor?budgets=1000,25"));
        assertEquals("30d", advice.path("period").asText());
        return advice;
    }

    private interface Copier {
        void copy(String signalJson);
    }

    private static JsonNode json(RunningApp app, String path) throws Exception {
        HttpResponse<String> answer = app.get(path);
        assertEquals(200, answer.statusCode(), path + " " + answer.body());
        return Json.MAPPER.readTree(answer.body());
    }

    @Test
    void beforeAnySignalTheRowsAreEmptyAndBadParametersAnswer400() throws Exception {
        start();
        JsonNode advice = get("/api/copy/advisor");
        assertTrue(advice.path("since").isNull(), advice.toString());
        assertEquals(0, advice.path("signals_replayed").asInt());
        assertEquals(6, advice.path("rows").size(), "25, 50, 100, 250, 500, 1000 EUR by default");
        assertTrue(advice.path("rows").path(0).path("tracking_difference_pct").isNull(), advice.toString());
        assertTrue(advice.path("faithful_from_eur").isNull());
        assertEquals(12, get("/api/copy/advisor?budgets=5,6,7,8,9,10,11,12,13,14,15,1000000&period=365d").path("rows").size());
        assertEquals(1, get("/api/copy/advisor?budgets=%2099.5%20&period=1w").path("rows").size());

        for (String query : List.of("budgets=4.99", "budgets=1000001", "budgets=abc", "budgets=25,,50", "budgets=",
                "budgets=1e3", "budgets=25.555", "budgets=-5", "budgets=5,6,7,8,9,10,11,12,13,14,15,16,17",
                "budgets=25&budgets=50", "period=0d", "period=366d", "period=2y", "period=30", "period=", "period=30d&period=1d",
                "budgets=" + URLEncoder.encode("25;50", StandardCharsets.UTF_8))) {
            HttpResponse<String> answer = app.get("/api/copy/advisor?" + query);
            assertEquals(400, answer.statusCode(), query + " " + answer.body());
            assertTrue(Json.MAPPER.readTree(answer.body()).path("error").asText().contains(query.startsWith("period")
                    ? "period" : "budgets"), query + " " + answer.body());
        }
        assertEquals(405, app.send("POST", "/api/copy/advisor", "{}").statusCode());
    }
}
