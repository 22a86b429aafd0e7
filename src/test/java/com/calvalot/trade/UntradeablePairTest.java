package com.calvalot.trade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.LiveFollower;
import com.calvalot.support.LiveFollowerTest;
import com.calvalot.support.ShortBinanceDelays;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Une paire que Binance arrête (BREAK, HALT) ou ne cote plus (-1121 sur toute la requête groupée) ne
 * gèle rien d'autre : ses ordres sont écartés avec leur raison, l'état et une alerte le disent, les autres
 * paires tradent, et elle retrade d'elle-même quand Binance la cote de nouveau. Un ordre du suiveur
 * n'annule jamais un ordre de l'utilisateur au carnet (Self-Trade Prevention).
 */
@ExtendWith(ShortBinanceDelays.class)
class UntradeablePairTest extends LiveFollowerTest {

    private JsonNode untradeable() {
        return follower.get("/api/agent/status").path("untradeable_pairs");
    }

    @Test
    void aPairBinanceNoLongerListsFreezesNothingElseAndTradesAgainOnceListed() {
        follower.account.setBalance("XRP", "10");
        follower.start(dir, "wallet");
        // le suiveur a valorisé son XRP (il l'a adopté) avant que Binance cesse de le coter
        Await.until("the XRP adopted", Duration.ofSeconds(10), () -> follower.ledger("XRPUSDC").signum() > 0);
        follower.binance.remove("XRPUSDC");

        JsonNode first = follower.copyV1("r1", "BTCUSDC", "BUY", "0.3");
        assertEquals("executed", first.path("status").asText(), first.toString());
        assertEquals(List.of("BUY BTCUSDC"), follower.executedOrders());
        assertEquals("XRPUSDC", untradeable().path(0).path("pair").asText(), untradeable().toString());
        assertTrue(untradeable().path(0).path("reason").asText().contains("no longer listed"), untradeable().toString());
        assertEquals(1, follower.alerts.await("pair_untradeable", 1).size());

        // le leader sort du XRP et renforce le BTC : le BTC s'achète, la vente de XRP est écartée avec sa raison
        JsonNode second = follower.copyV2("r2", Map.of("BTCUSDC", "0.5"));
        assertEquals("executed", second.path("status").asText(), second.toString());
        assertEquals(List.of("BUY BTCUSDC", "BUY BTCUSDC"), follower.executedOrders());
        String reason = follower.one("SELECT reason FROM order_intents WHERE signal_id = 'r2' AND coin = 'XRPUSDC'");
        assertTrue(reason.contains("XRPUSDC is no longer listed on Binance"), reason);
        assertEquals(1, follower.alerts.of("pair_untradeable").size(), "said once");

        // coté de nouveau : la paire retrade d'elle-même
        // une paire plus cotée est redemandée seule toutes les cinq minutes (pas à chaque lecture des prix)
        follower.binance.listAgain("XRPUSDC");
        follower.tick(Duration.ofMinutes(6));
        assertEquals(0, untradeable().size(), untradeable().toString());
        assertEquals("executed", follower.copyV2("r3", Map.of("BTCUSDC", "0.5")).path("status").asText());
        assertEquals("SELL XRPUSDC", follower.executedOrders().get(2));
    }

    @Test
    void aHaltedPairIsSkippedWithItsReasonWhileTheOthersTrade() {
        follower.binance.setStatus("SOLUSDC", "BREAK");
        follower.start(dir, "wallet");
        JsonNode poll = follower.copy("""
                {"signal_id": "h1", "version": 1, "reasoning": "test",
                 "actions": [{"coin": "SOLUSDC", "action": "BUY", "pct_of_capital": 0.1},
                             {"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.2}]}
                """);
        assertEquals("executed", poll.path("status").asText(), poll.toString());
        assertEquals(List.of("BUY BTCUSDC"), follower.executedOrders());
        assertEquals(List.of(), follower.account.refusals(), "nothing Binance would refuse was sent");
        String reason = follower.one("SELECT reason FROM order_intents WHERE signal_id = 'h1' AND coin = 'SOLUSDC'");
        assertEquals("SOLUSDC is not trading on Binance (status BREAK)", reason);
        assertEquals("SOLUSDC", untradeable().path(0).path("pair").asText());

        // Binance rouvre la paire : relue au signal suivant (les statuts ont plus de dix minutes), elle retrade
        follower.binance.setStatus("SOLUSDC", "TRADING");
        follower.clock.advance(Duration.ofMinutes(11));
        assertEquals("executed", follower.copyV1("h2", "SOLUSDC", "BUY", "0.1").path("status").asText());
        assertEquals("BUY SOLUSDC", follower.executedOrders().get(1));
        assertEquals(0, untradeable().size());
    }

    @Test
    void theUsersRestingOrderOnTheOtherSideIsNeverCancelledByTheFollower() {
        follower.account.setBalance("BTC", "0.01");
        follower.start(dir, "wallet");
        // l'utilisateur vend 0,005 BTC à la limite ; l'achat au marché du suiveur le rencontre à mi-chemin
        long resting = follower.account.placeUserOrder("BTCUSDC", "SELL", "0.005", "97000.10", "0.5");
        JsonNode poll = follower.copyV1("t1", "BTCUSDC", "BUY", "0.3");

        assertEquals("NEW", follower.account.userOrders().stream().filter(o -> o.orderId() == resting).findFirst()
                .orElseThrow().status(), "the user's order stays on the book");
        assertEquals("EXPIRE_TAKER", follower.account.orders().get(0).selfTradePreventionMode());
        assertEquals("EXPIRED_IN_MATCH", follower.account.orders().get(0).status());
        // ce qui s'est exécuté avant la rencontre est écrit, avec une raison que l'utilisateur comprend
        assertEquals("executed", poll.path("status").asText(), poll.toString());
        String reason = follower.one("SELECT reason FROM order_intents WHERE signal_id = 't1'");
        assertTrue(reason.contains("self-trade prevention") && reason.contains("resting order of yours"), reason);
        assertEquals(0, follower.account.orders().get(0).executedQty().compareTo(
                new java.math.BigDecimal(follower.one("SELECT quantity FROM trades WHERE signal_id = 't1'"))
                        .add(follower.account.orders().get(0).commission())), "recorded as what executed");
    }
}
