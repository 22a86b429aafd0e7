package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.support.AlertWebhook;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.ShortBinanceDelays;
import com.calvalot.support.SignalDriver;

/**
 * Quand la bourse ne peut pas dire ce qu'un ordre est devenu, la suite du signal attend au lieu
 * d'être dimensionnée sur des chiffres périmés ; elle reprend dès que la bourse répond, jamais
 * en pause, jamais au-delà de SIGNAL_MAX_DELAY_SECONDS après la réception du signal.
 */
@ExtendWith(ShortBinanceDelays.class)
class SignalWaitTest {

    private static final String UNAVAILABLE = "{\"code\":-1000,\"msg\":\"Service unavailable.\"}";

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
    private final AlertWebhook webhook = new AlertWebhook();
    private RunningApp app;
    private SignalDriver driver;

    @BeforeAll
    static void shortRetry() {
        // la reprise passe toutes les 300 ms au lieu de quelques secondes
        System.setProperty("calvalot.trade.retryMs", "300");
    }

    @AfterAll
    static void defaultRetry() {
        System.clearProperty("calvalot.trade.retryMs");
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        webhook.close();
        binance.close();
    }

    private void start(Map<String, String> env) {
        app = RunningApp.start(env);
        driver = new SignalDriver(app, dir.resolve("calvalot.db"));
    }

    @Test
    void aSellWhoseOutcomeCannotBeReadHoldsTheBuysUntilTheExchangeAnswersThenTheyAreSizedOnFreshFigures() {
        account.setBalance("SOL", "2");
        Map<String, String> env = LiveTradingTest.liveEnv(dir, binance);
        env.put("ALERT_WEBHOOK_URL", webhook.url());
        env.put("ALERT_ON_TRADES", "true");
        start(env);
        account.dropAfterFillNextOrders(1);
        account.failNextLookups(1_000_000, 503, UNAVAILABLE);

        Exchange waiting = driver.execute(SignalDriver.v1("s1", "SOLUSDC", "SELL", "0.2", "BTCUSDC", "BUY", "0.3"));

        assertEquals("executing", waiting.getMessage().getHeader("signalOutcome"));
        assertEquals("executing", driver.status("s1"));
        assertTrue(driver.message("s1").startsWith("waiting for Binance"), driver.message("s1"));
        assertEquals(List.of("SELL"), account.orders().stream().map(FakeSpotAccount.Order::side).toList());

        account.failNextLookups(0, 503, UNAVAILABLE);
        Await.until("the signal resumed and executed", Duration.ofSeconds(20), () -> "executed".equals(driver.status("s1")));

        assertEquals(List.of("SELL", "BUY"), account.orders().stream().map(FakeSpotAccount.Order::side).toList());
        assertEquals(2, driver.count("trades"));
        assertEquals(List.of(), account.refusals());
        // l'issue n'est connue qu'à la reprise : c'est elle qui envoie les trades, une fois, les deux ordres ensemble
        List<String> trades = webhook.await("trades:", 1);
        assertEquals(1, trades.size(), webhook.all().toString());
        assertTrue(trades.get(0).matches("trades: signal s1: SELL [0-9.]+ SOL at [0-9.\u202f]+ USDC \\([0-9.\u202f]+ USDC\\); "
                + "BUY [0-9.]+ BTC at .*"), trades.get(0));
    }

    @Test
    void anOrderLookupRefusedMidSignalLogsOneLineAndIsRetriedPromptly() {
        String logs = stderrOf(() -> {
            start(LiveTradingTest.liveEnv(dir, binance));
            account.dropAfterFillNextOrders(1);
            account.failNextLookups(1, 400, "{\"code\":-1100,\"msg\":\"Illegal characters found in a parameter.\"}");

            driver.execute(SignalDriver.v1("s1", "BTCUSDC", "BUY", "0.5"));
            // POLL_INTERVAL_SECONDS vaut 120 : c'est la reprise rapide qui le termine
            Await.until("the signal resumed and executed", Duration.ofSeconds(20), () -> "executed".equals(driver.status("s1")));
        });
        assertEquals(1, account.orders().size());
        assertEquals(1, driver.count("trades"));
        assertEquals(1, logs.lines().filter(l -> l.contains("Illegal characters found in a parameter")).count(), logs);
        assertFalse(logs.contains("\tat "), "no stack trace in the log:\n" + logs);
        assertFalse(logs.contains("Message History"), logs);
    }

    @Test
    void aFailureInsideTheTradingFlowIsOneLogLineAndARecordedStatus() {
        Sql sql = new Sql(Database.open(dir.resolve("calvalot.db")));
        sql.update("INSERT INTO signals (signal_id, version, actions, status, received_at) VALUES ('s1', 1, 'not json', "
                + "'received', ?)", Instant.now().toString());

        String logs = stderrOf(() -> {
            start(dryRunEnv());
            Await.until("the unreadable signal closed", Duration.ofSeconds(20), () -> "error".equals(driver.status("s1")));
        });

        assertTrue(driver.message("s1").startsWith("not executed: IllegalStateException: unreadable stored signal"),
                driver.message("s1"));
        assertEquals(1, logs.lines().filter(l -> l.contains("unreadable stored signal")).count(), logs);
        assertFalse(logs.contains("\tat "), "no stack trace in the log:\n" + logs);
    }

    /** Ce que l'application écrit sur stderr (son journal) pendant {@code work}. */
    private static String stderrOf(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPausedAgentSendsNothingFromAnInterruptedSignalUntilResumed() {
        Map<String, String> env = dryRunEnv();
        interruptedSignal(Instant.now(), true);
        start(env);

        app.context().createProducerTemplate().sendBody("direct:resume-signals", null);

        assertEquals("executing", driver.status("s1"));
        assertEquals(0, driver.count("trades"));
        assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", null).body());
        app.context().createProducerTemplate().sendBody("direct:resume-signals", null);
        assertEquals("executed", driver.status("s1"));
        assertEquals(1, driver.count("trades"));
    }

    @Test
    void aSignalLeftReceivedWhilePausedIsExecutedOnceResumedNotForgotten() {
        Map<String, String> env = dryRunEnv();
        receivedSignal(Instant.now(), true);
        start(env);

        app.context().createProducerTemplate().sendBody("direct:resume-signals", null);
        app.context().createProducerTemplate().sendBody("direct:resume-signals", null);

        assertEquals("received", driver.status("s1"));
        assertEquals(0, driver.count("trades"));
        assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", null).body());
        app.context().createProducerTemplate().sendBody("direct:resume-signals", null);
        assertEquals("executed", driver.status("s1"), driver.message("s1"));
        assertEquals(1, driver.count("trades"));
    }

    @Test
    void aSignalFoundReceivedAtStartPastTheMaximumDelayIsNeverPlanned() {
        Map<String, String> env = dryRunEnv();
        env.put("SIGNAL_MAX_DELAY_SECONDS", "60");
        receivedSignal(Instant.now().minusSeconds(61), false);
        start(env);

        Await.until("the late signal closed", Duration.ofSeconds(20), () -> "error".equals(driver.status("s1")));

        assertTrue(driver.message("s1").startsWith("not executed: received "), driver.message("s1"));
        assertTrue(driver.message("s1").contains("past SIGNAL_MAX_DELAY_SECONDS (60 s)"), driver.message("s1"));
        assertEquals(0, driver.count("order_intents"));
        assertEquals(0, driver.count("trades"));
    }

    @Test
    void aSignalFoundExecutingAtStartPastTheMaximumDelayHasItsUnsentOrdersAbandoned() {
        Map<String, String> env = dryRunEnv();
        env.put("SIGNAL_MAX_DELAY_SECONDS", "60");
        env.put("ALERT_WEBHOOK_URL", webhook.url());
        interruptedSignal(Instant.now().minusSeconds(61), false);
        start(env);

        Await.until("the late signal closed", Duration.ofSeconds(20), () -> "error".equals(driver.status("s1")));

        assertTrue(driver.message("s1").contains("past SIGNAL_MAX_DELAY_SECONDS (60 s)"), driver.message("s1"));
        // un signal fini en erreur à la reprise alerte comme celui d'un poll : une fois, avec sa raison
        List<String> errors = webhook.await("signal_error:", 1);
        assertTrue(errors.get(0).startsWith("signal_error: signal s1 failed: ") && errors.get(0).contains("SIGNAL_MAX_DELAY_SECONDS"),
                errors.get(0));
        assertEquals(0, driver.count("trades"));
        assertEquals(List.of("abandoned"), driver.sql().list("SELECT status FROM order_intents", rs -> rs.getString(1)));
    }

    private Map<String, String> dryRunEnv() {
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        return env;
    }

    /** Ce qu'un processus tué avant le plan laisse : un signal « received », aucune intention. */
    private void receivedSignal(Instant receivedAt, boolean paused) {
        interruptedSignal(receivedAt, paused);
        Sql sql = new Sql(Database.open(dir.resolve("calvalot.db")));
        sql.update("DELETE FROM order_intents");
        sql.update("UPDATE signals SET status = 'received'");
    }

    /** Ce qu'un processus tué laisse : un signal « executing » et un achat planifié jamais envoyé. */
    private void interruptedSignal(Instant receivedAt, boolean paused) {
        Sql sql = new Sql(Database.open(dir.resolve("calvalot.db")));
        sql.update("INSERT INTO signals (signal_id, version, actions, status, received_at) VALUES ('s1', 1, "
                + "'[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.2}]', 'executing', ?)", receivedAt.toString());
        sql.update("INSERT INTO order_intents (signal_id, seq, client_order_id, coin, side, quote_amount_usdt, status, "
                + "created_at, updated_at) VALUES ('s1', 1, 'cal-test-1', 'BTCUSDC', 'BUY', '20', 'planned', ?, ?)",
                receivedAt.toString(), receivedAt.toString());
        sql.update("UPDATE agent_state SET paused = ? WHERE id = 1", paused ? 1 : 0);
    }
}
