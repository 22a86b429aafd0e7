package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;

/**
 * Le vrai crash : l'application dans une JVM fille, en live, tuée par kill -9 pendant qu'un signal
 * de quatre ordres est à moitié passé (la vague des ventes est partie, la bourse a exécuté la vente
 * mais sa réponse n'est jamais arrivée ; les achats n'ont pas encore été envoyés). Au redémarrage,
 * la bourse et le registre tiennent exactement quatre ordres.
 */
class CrashResumeTest {

    private static final String SIGNAL_SECRET = "crash-test-signal-secret";
    private static final String SIGNAL = """
            {"signal_id": "sig-crash", "version": 1,
             "actions": [{"coin": "BNBUSDC", "action": "SELL", "pct_of_capital": 0.2},
                         {"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.2},
                         {"coin": "ETHUSDC", "action": "BUY", "pct_of_capital": 0.2},
                         {"coin": "SOLUSDC", "action": "BUY", "pct_of_capital": 0.2}]}
            """;

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, LiveTradingTest.KEY, LiveTradingTest.SECRET);
    private final FakeLeader leader = new FakeLeader(SIGNAL_SECRET);

    @AfterEach
    void stop() {
        account.releaseHeld();
        leader.close();
        binance.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = LiveTradingTest.liveEnv(dir, binance);
        env.putAll(FakeLeader.env(leader, SIGNAL_SECRET));
        // sans « / » final : dans un vrai processus, la variable LEADER_URL brute remplace la propriété
        // leader.url normalisée (source de propriétés « environnement » de Camel) → « //api/signal/latest »
        env.put("LEADER_URL", leader.url());
        env.put("POLL_INTERVAL_SECONDS", "3600");
        return env;
    }

    @Test
    void killedWhileAFourOrderSignalIsHalfPlacedItResumesToExactlyFourOrders() {
        Map<String, String> env = env();
        Sql sql = new Sql(Database.open(dir.resolve("calvalot.db")));
        leader.publish(SIGNAL);
        account.setBalance("BNB", "1");
        account.holdAnswerOfOrder(1);
        String logs;
        try (ChildProcess first = ChildProcess.start(env, dir.resolve("logs1"))) {
            try {
                Await.until("the sell executed by the exchange", Duration.ofSeconds(60), () -> account.orders().size() == 1);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nleader requests " + leader.requests() + "\norders "
                        + account.orderCallTimes() + " account " + binance.calls("/api/v3/account") + " ticker "
                        + binance.calls("/api/v3/ticker/price") + "\nstate " + sql.list("SELECT last_poll || ' dead ' || dead || ' paused ' || paused FROM agent_state",
                                rs -> rs.getString(1)) + "\nsignals " + sql.list("SELECT signal_id || status FROM signals",
                                rs -> rs.getString(1)) + "\n" + first.stdout() + first.stderr(), e);
            }
            first.kill();
            logs = first.stdout() + first.stderr();
        }
        account.holdAnswerOfOrder(0);
        account.releaseHeld();
        assertEquals("executing", sql.one("SELECT status FROM signals WHERE signal_id = 'sig-crash'", rs -> rs.getString(1)));
        // la vague des ventes était écrite « sending » avant de partir ; les achats encore au plan
        assertEquals(List.of("sending", "planned", "planned", "planned"),
                sql.list("SELECT status FROM order_intents ORDER BY seq", rs -> rs.getString(1)));
        assertEquals(Integer.valueOf(0), sql.one("SELECT count(*) FROM trades", rs -> rs.getInt(1)));

        try (ChildProcess second = ChildProcess.start(env, dir.resolve("logs2"))) {
            Await.until("the signal resumed and finished", Duration.ofSeconds(60), () -> "executed".equals(
                    sql.one("SELECT status FROM signals WHERE signal_id = 'sig-crash'", rs -> rs.getString(1))));
            logs += second.stdout() + second.stderr();
            second.terminate();
            second.waitForExit(Duration.ofSeconds(30));
        }

        assertEquals(4, account.orders().size());
        Set<String> exchangeIds = account.orders().stream().map(FakeSpotAccount.Order::clientOrderId).collect(Collectors.toSet());
        assertEquals(4, exchangeIds.size());
        assertEquals(exchangeIds, Set.copyOf(sql.list("SELECT client_order_id FROM trades", rs -> rs.getString(1))));
        assertEquals(List.of("BNBUSDC", "BTCUSDC", "ETHUSDC", "SOLUSDC"),
                sql.list("SELECT coin FROM trades ORDER BY coin", rs -> rs.getString(1)));
        assertEquals(List.of("filled", "filled", "filled", "filled"),
                sql.list("SELECT status FROM order_intents ORDER BY seq", rs -> rs.getString(1)));
        // ce qui a été payé = ce que la bourse a exécuté, au centime près
        assertEquals(account.orders().stream().map(FakeSpotAccount.Order::quoteQty).map(java.math.BigDecimal::stripTrailingZeros)
                        .map(java.math.BigDecimal::toPlainString).sorted().toList(),
                sql.list("SELECT amount_usdt FROM trades", rs -> rs.getString(1)).stream().sorted().toList());
        for (String secret : List.of(LiveTradingTest.KEY, LiveTradingTest.SECRET, "signature=", SIGNAL_SECRET)) {
            assertFalse(logs.contains(secret), "the logs must never hold " + secret);
        }
    }
}
