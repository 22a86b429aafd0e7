package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;
import com.calvalot.support.ShortTradeRetry;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Un ordre dont la bourse n'a pas encore dit l'issue est compté une fois : comme la bourse le montre
 * (l'USDC qu'il est peut-être encore, ou la pièce qu'il est devenu), jamais ôté deux fois. Sa paire
 * n'est pas replanifiée tant qu'il n'est pas résolu ; un ordre retrouvé tard a ses frais valorisés.
 */
@ExtendWith({ShortBinanceDelays.class, ShortTradeRetry.class})
class UnresolvedOrderTest extends LiveFollowerTest {

    private static final String UNAVAILABLE = "{\"code\":-1000,\"msg\":\"Service unavailable.\"}";
    private static final Map<String, String> ETH_10_BTC_30 = Map.of("ETHUSDC", "0.1", "BTCUSDC", "0.3");

    @Test
    void aRepeatedTargetWhileABuyIsUnresolvedCountsThatBuyOnceInWallet() {
        follower.start(dir, "wallet");
        repeatTheTargetsWhileTheBtcBuyIsUnresolved();
        // le compte montre déjà le BTC de l'achat non résolu : à sa cible, rien à planifier
        assertEquals(List.of(), follower.rows("SELECT coin FROM order_intents WHERE signal_id = 's2'"));
    }

    @Test
    void aRepeatedTargetWhileABuyIsUnresolvedCountsThatBuyOnceInBudget() {
        follower.start(dir, "budget");
        repeatTheTargetsWhileTheBtcBuyIsUnresolved();
        // le registre ne connaît pas encore l'achat (compté en USDC, ce qu'il est peut-être encore) : sa paire attend
        assertEquals("BTCUSDC not planned: an order of s1 is still unresolved",
                follower.one("SELECT reason FROM order_intents WHERE signal_id = 's2' AND coin = 'BTCUSDC'"));
        JsonNode report = follower.get("/api/signals?limit=1").path(0).path("copy");
        assertEquals("BTCUSDC not planned: an order of s1 is still unresolved", report.path("notes").path(0).asText(),
                "the copy report says why: " + report);
    }

    private void repeatTheTargetsWhileTheBtcBuyIsUnresolved() {
        assertEquals("executed", follower.copyV1("s0", "ETHUSDC", "BUY", "0.1").path("status").asText());
        // s1 : la part de BTC s'achète, la réponse se perd, la bourse ne sait plus répondre
        follower.account.failAfterFillNextOrders(1, 503);
        follower.account.failNextLookups(10_000, 503, UNAVAILABLE);
        assertEquals("executing", follower.copyV2("s1", ETH_10_BTC_30).path("status").asText());
        assertEquals(List.of("BUY ETHUSDC", "BUY BTCUSDC"), follower.executedOrders());

        // s2 répète les mêmes cibles : l'achat de BTC compte une fois, rien n'est vendu ni racheté
        JsonNode s2 = follower.copyV2("s2", ETH_10_BTC_30);
        assertEquals("executed", s2.path("status").asText(), s2.toString());
        assertEquals(List.of("BUY ETHUSDC", "BUY BTCUSDC"), follower.executedOrders(), "s2 sends nothing");

        follower.account.failNextLookups(0, 503, "");
        Await.until("s1 resolved", Duration.ofSeconds(20), () -> "executed".equals(follower.signalStatus("s1")));
        JsonNode shares = follower.get("/api/signals?limit=1");
        assertEquals("s2", shares.path(0).path("signal_id").asText());
        // les parts atteintes d'après le compte : celles du leader, à un ordre minimal près
        BigDecimal total = follower.get("/api/budget").path("total_value_usdt").decimalValue();
        assertShare("BTC", new BigDecimal("0.3"), total);
        assertShare("ETH", new BigDecimal("0.1"), total);
    }

    private void assertShare(String asset, BigDecimal target, BigDecimal total) {
        BigDecimal worth = follower.ledger(asset + "USDC").multiply(follower.binance.price(asset + "USDC"));
        BigDecimal share = worth.divide(total, 4, RoundingMode.HALF_EVEN);
        assertTrue(share.subtract(target).abs().compareTo(new BigDecimal("0.01")) <= 0,
                asset + " share " + share + " against the leader's " + target);
    }

    @Test
    void aBnbCommissionOfAnOrderFoundLateIsValuedAndPaidOnceInBudget() {
        follower.account.setBalance("BNB", "1");
        follower.account.payCommissionInBnb();
        follower.start(dir, "budget", "SIGNAL_MAX_DELAY_SECONDS", "10");
        follower.account.failAfterFillNextOrders(1, 503);
        follower.account.failNextLookups(10_000, 503, UNAVAILABLE);
        assertEquals("executing", follower.copyV1("b1", "BTCUSDC", "BUY", "0.5").path("status").asText());

        // trop tard pour la suite du signal : il finit sans elle, son achat reste à demander à la bourse
        follower.clock.advance(Duration.ofSeconds(30));
        Await.until("b1 ended past its delay", Duration.ofSeconds(20), () -> !"executing".equals(follower.signalStatus("b1")));
        assertEquals("sending", follower.one("SELECT status FROM order_intents WHERE signal_id = 'b1'"));
        // la bourse répond de nouveau : l'achat retrouvé (une fois par minute) est écrit, avec ses frais
        follower.account.failNextLookups(0, 503, "");
        follower.clock.advance(Duration.ofSeconds(61));
        Await.until("b1's buy found", Duration.ofSeconds(20),
                () -> "filled".equals(follower.one("SELECT status FROM order_intents WHERE signal_id = 'b1'")));
        FakeSpotAccount.Order buy = follower.account.orders().get(0);
        assertEquals("BNB", buy.commissionAsset());
        BigDecimal fee = new BigDecimal(follower.one("SELECT fee_usdt FROM trades WHERE signal_id = 'b1'"));
        BigDecimal expected = buy.commission().multiply(follower.binance.price("BNBUSDC"));
        assertTrue(fee.subtract(expected).abs().compareTo(new BigDecimal("0.0001")) <= 0,
                "fee_usdt " + fee + " is the BNB commission's worth " + expected);
        // le BNB de l'utilisateur a payé la commission : le budget la rembourse en USDC, une fois
        BigDecimal cash = follower.get("/api/budget").path("cash_usdt").decimalValue();
        BigDecimal budget = new BigDecimal("108");
        assertEquals(0, budget.subtract(buy.quoteQty()).subtract(fee).setScale(2, RoundingMode.DOWN)
                .compareTo(cash.setScale(2, RoundingMode.DOWN)), "cash " + cash);
    }
}
