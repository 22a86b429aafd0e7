package com.calvalot.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.trade.BudgetReplay;
import com.calvalot.trade.OrderPlanner;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un registre calculé à la main (dry run : frais 0,1 % en USDC en plus, sans glissement puisque ce suiveur
 * n'a aucune exécution ici ; 1 EUR = 1,25 USDC). Le suiveur possédait 100 USDC au premier signal : son budget
 * est 80 EUR ; 20 EUR en est le quart.
 *
 * <pre>
 * signal   prix (BTC, ETH, SOL)      80 EUR (100 USDC)                          20 EUR (25 USDC)
 * s1 v1    50 000, 2 000, 100        BUY BTC 50 → 0.001 BTC, frais 0.05         BUY BTC 12.50 → 0.00025, frais 0.0125
 *          BUY BTCUSDC 50 %          cash 49.95                                  cash 12.4875
 * s2 v1    55 000, 2 000, 100        total 104.95 → BUY ETH 15.7425             total 26.2375 → 15 % = 3.935625 USDC :
 *          BUY ETHUSDC 15 %          → 0.00787125 ETH, frais 0.0157425           sous le minimum de 5 USDC, écarté
 * dépôt    20 EUR = 25 USDC          cash 34.1917575 + 25                        cash 12.4875 + 6.25
 * s3 v2    60 000, 2 200, 150        total 136.5085075 : SELL 0.00043121 BTC     total 33.7375 : SELL 0.00010942 BTC
 *          BTC 25 %, SOL 30 %        (25.8726, frais 0.0258726), SELL tout l'ETH  (6.5652, frais 0.0065652),
 *                                    (17.31675, frais 0.01731675), BUY SOL        BUY SOL 10.12125 → 0.067475,
 *                                    40.95255225 → 0.27301701, frais 0.04095255  frais 0.01012125
 * fin      (prix de s3)              136.42436485 USDC = 109.14 EUR              33.72081355 USDC = 26.98 EUR
 *          frais                     0.1498844 USDC = 0.12 EUR                   0.02918645 USDC = 0.02 EUR
 *          rendement (départ+dépôt)  (109.1395 − 80 − 20) / 100 = 9.14 %         (26.9767 − 20 − 5) / 25 = 7.91 %
 * copie parfaite                     136.575 USDC = 109.26 EUR : 9.26 %          27.315 EUR : 9.26 %
 * écart de suivi                     9.14 − 9.26 = −0.12                         7.91 − 9.26 = −1.35
 * </pre>
 */
class BudgetAdvisorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T21:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aHandComputedLedgerGivesTheFiguresToTheCent() throws Exception {
        Sql sql = new Sql(Database.open(dir.resolve("a.db")));
        // un signal d'avant le dimensionnement gardé : jamais rejoué, la réponse dit depuis quand elle compte
        sql.update("INSERT INTO signals (signal_id, version, actions, status, received_at) VALUES ('old', 1, "
                + "'[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.9}]', 'executed', '2026-12-01T10:00:00Z')");
        signal(sql, "s1", 1, "[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.5}]", null, "2026-12-02T10:00:00Z",
                prices("50000", "2000", "100"), "100", "{}", 0);
        signal(sql, "s2", 1, "[{\"coin\":\"ETHUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.15}]", null, "2026-12-03T10:00:00Z",
                prices("55000", "2000", "100"), "49.95", "{\"BTCUSDC\":\"0.001\"}", 0);
        sql.update("INSERT INTO deposits (kind, amount_eur, eurusdc_rate, amount_usdt, is_simulated, created_at) "
                + "VALUES ('deposit', '20', '1.25', '25', 1, '2026-12-04T10:00:00Z')");
        signal(sql, "s3", 2, "[]", "{\"positions\":[{\"coin\":\"BTCUSDC\",\"pct_of_portfolio\":0.25},"
                + "{\"coin\":\"SOLUSDC\",\"pct_of_portfolio\":0.3}]}", "2026-12-05T10:00:00Z",
                prices("60000", "2200", "150"), "59.1917575", "{\"BTCUSDC\":\"0.001\",\"ETHUSDC\":\"0.00787125\"}", 1);

        BudgetAdvisor advisor = new BudgetAdvisor(new BudgetReplay(sql, new OrderPlanner(new BigDecimal("0.005"))), sql,
                Clock.fixed(NOW, ZoneOffset.UTC));
        JsonNode answer = Json.MAPPER.readTree(advisor.adviceJson("30d", Duration.ofDays(30),
                List.of(new BigDecimal("20"), new BigDecimal("80"))));

        assertEquals("2026-12-02T10:00:00Z", answer.path("since").asText());
        assertEquals(3, answer.path("signals_replayed").asInt());
        assertEquals(2, answer.path("rows").size(), answer.toString());
        JsonNode small = answer.path("rows").path(0);
        assertEquals("20", small.path("budget_eur").decimalValue().toPlainString());
        assertEquals(false, small.path("own").asBoolean());
        assertEquals(new BigDecimal("-1.35"), small.path("tracking_difference_pct").decimalValue());
        assertEquals(new BigDecimal("0.02"), small.path("fees_eur").decimalValue());
        assertEquals(1, small.path("orders_skipped").asInt(), "the ETH buy of s2, 3.94 USDC, under the 5 USDC minimum");
        assertEquals(new BigDecimal("26.98"), small.path("value_eur").decimalValue());
        JsonNode own = answer.path("rows").path(1);
        assertEquals("80", own.path("budget_eur").decimalValue().toPlainString());
        assertEquals(true, own.path("own").asBoolean(), "100 USDC at 1.25 is the follower's own 80 EUR");
        assertEquals(new BigDecimal("-0.12"), own.path("tracking_difference_pct").decimalValue());
        assertEquals(new BigDecimal("0.12"), own.path("fees_eur").decimalValue());
        assertEquals(0, own.path("orders_skipped").asInt());
        assertEquals(new BigDecimal("109.14"), own.path("value_eur").decimalValue());
        assertEquals("80", answer.path("faithful_from_eur").decimalValue().toPlainString());
    }

    private static String prices(String btc, String eth, String sol) {
        return "{\"BTCUSDC\":\"" + btc + "\",\"ETHUSDC\":\"" + eth + "\",\"BNBUSDC\":\"500\",\"SOLUSDC\":\"" + sol
                + "\",\"XRPUSDC\":\"0.5\",\"EURUSDC\":\"1.25\"}";
    }

    /** Un signal exécuté avec ce sur quoi il a été dimensionné (signal_sizing), tel que SignalExecution l'écrit en dry run. */
    private static void signal(Sql sql, String id, int version, String actions, String state, String at, String prices,
                               String cash, String held, long depositId) {
        String sizing = "{\"prices\":" + prices + ",\"eurusdc\":\"1.25\",\"commission\":{\"rate\":\"0.001\",\"on_top\":true},"
                + "\"cash\":\"" + cash + "\",\"held\":" + held + ",\"deposit_id\":" + depositId + ",\"withdrawal_id\":0,"
                + "\"planned\":true,\"perfect_followed\":true}";
        sql.update("INSERT INTO signal_sizing (sizing) VALUES (?)", sizing);
        sql.update("INSERT INTO signals (signal_id, version, actions, portfolio_state, status, received_at, sizing_id) "
                + "VALUES (?, ?, ?, ?, 'executed', ?, (SELECT max(id) FROM signal_sizing))", id, version, actions, state, at);
    }
}
