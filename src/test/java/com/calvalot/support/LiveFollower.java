package com.calvalot.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un suiveur live complet pour un test de chemin d'argent : le leader, Binance et le compte (partagé,
 * strict), le webhook d'alertes et une horloge qu'on avance, puis l'application réelle sur ses routes.
 * Le leader publie, un poll copie : tout passe par les vraies routes, la vraie base, le vrai HTTP.
 */
public final class LiveFollower implements AutoCloseable {

    public static final String KEY = "live-test-key";
    public static final String SECRET = "live-test-secret";
    private static final String LEADER_SECRET = "live-follower-leader-secret";
    /** Un tick du poll : le cache des soldes (60 s) a expiré, le compte est relu. */
    public static final Duration TICK = Duration.ofSeconds(61);

    public final FakeLeader leader = new FakeLeader(LEADER_SECRET);
    public final FakeBinance binance = new FakeBinance();
    public final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    public final AlertWebhook alerts = new AlertWebhook();
    public final MutableClock clock = new MutableClock(Instant.now());
    private RunningApp app;

    /** Démarre le suiveur live ({@code sizing} : wallet ou budget), avec des réglages en plus (nom, valeur, …). */
    public LiveFollower start(Path dir, String sizing, String... settings) {
        Map<String, String> env = FakeLeader.followerEnv(dir, leader, LEADER_SECRET, binance);
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", KEY);
        env.put("BINANCE_API_SECRET", SECRET);
        env.put("INITIAL_BUDGET_EUR", "100");
        env.put("LIVE_SIZING", sizing);
        env.put("ALERT_WEBHOOK_URL", alerts.url());
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        leader.useClock(clock);
        app = RunningApp.start(env, clock);
        // le premier tick du minuteur (une seconde après le démarrage) est passé : chaque poll du test est le sien
        Await.until("the timer's first poll", Duration.ofSeconds(10), () -> one("SELECT last_poll_time FROM agent_state") != null);
        return this;
    }

    public RunningApp app() {
        return app;
    }

    /** Le leader publie ce signal ; un poll le copie ; l'issue du poll. */
    public JsonNode copy(String signalJson) {
        leader.publish(signalJson);
        return app.poll();
    }

    /** Un signal v1 d'une action. */
    public JsonNode copyV1(String signalId, String coin, String action, String pct) {
        return copy("""
                {"signal_id": "%s", "version": 1, "reasoning": "test",
                 "actions": [{"coin": "%s", "action": "%s", "pct_of_capital": %s}]}
                """.formatted(signalId, coin, action, pct));
    }

    /** Un signal v2 : les parts visées par paire (aucune : tout en USDC). */
    public JsonNode copyV2(String signalId, Map<String, String> targets) {
        String positions = targets.entrySet().stream()
                .map(t -> "{\"coin\": \"" + t.getKey() + "\", \"pct_of_portfolio\": " + t.getValue() + "}")
                .collect(Collectors.joining(", "));
        return copy("""
                {"signal_id": "%s", "version": 2, "reasoning": "test", "actions": [],
                 "portfolio_state": {"positions": [%s]}}
                """.formatted(signalId, positions));
    }

    /** {@code later} plus tard, un poll : le compte est relu (une lecture de plus pour les écarts). */
    public JsonNode tick(Duration later) {
        clock.advance(later);
        return app.poll();
    }

    /** {@code minutes} ticks d'un peu plus d'une minute : autant de lectures du compte. */
    public void minutes(int minutes) {
        for (int i = 0; i < minutes; i++) {
            tick(TICK);
        }
    }

    /** GET /api/agent/status. */
    public JsonNode status() {
        return get("/api/agent/status");
    }

    /** GET /api/budget. */
    public JsonNode budget() {
        return get("/api/budget");
    }

    public JsonNode get(String path) {
        try {
            return Json.MAPPER.readTree(app.get(path).body());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " is not JSON", e);
        }
    }

    public String one(String query, Object... params) {
        return app.sql().one(query, rs -> rs.getString(1), params);
    }

    public List<String> rows(String query, Object... params) {
        return app.sql().list(query, rs -> rs.getString(1), params);
    }

    /** La quantité que le registre du suiveur détient de la paire. */
    public BigDecimal ledger(String pair) {
        String quantity = one("SELECT quantity FROM positions WHERE coin = ?", pair);
        return quantity == null ? BigDecimal.ZERO : new BigDecimal(quantity);
    }

    public String signalStatus(String signalId) {
        return one("SELECT status FROM signals WHERE signal_id = ?", signalId);
    }

    /** Les ordres exécutés par la bourse, « BUY BTCUSDC » etc., dans l'ordre. */
    public List<String> executedOrders() {
        return account.orders().stream().map(o -> o.side() + " " + o.symbol()).toList();
    }

    @Override
    public void close() {
        account.releaseHeld();
        if (app != null) {
            app.close();
        }
        alerts.close();
        leader.close();
        binance.close();
    }
}
