package com.calvalot.support;

import static com.calvalot.support.StrictStandInTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.calvalot.support.StandInClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ce que la doublure sait faire pour le soak et les tests de routes d'issue 35 : une paire arrêtée
 * (BREAK/HALT) ou retirée (-1121 pour toute la requête groupée) puis cotée de nouveau, les ordres
 * limites de l'utilisateur au carnet et la prévention de l'auto-exécution (STP) selon le mode de
 * l'ordre du suiveur, l'USDC bloqué par un ordre ou parti en Earn.
 */
class StandInMarketTest {

    private static final String KEY = "market-key";
    private static final String SECRET = "market-secret";
    private static final String ALL = URLEncoder.encode("[\"BTCUSDC\",\"XRPUSDC\"]", StandardCharsets.UTF_8);

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    private final StandInClient client = new StandInClient(binance, KEY, SECRET);

    @AfterEach
    void close() {
        binance.close();
    }

    @Test
    void aHaltedPairShowsItsStatusRefusesOrdersAndKeepsItsPrice() {
        binance.setStatus("XRPUSDC", "BREAK");
        assertEquals("BREAK", symbolInfo("XRPUSDC").path("status").asText());
        assertEquals(200, client.get("/api/v3/ticker/price?symbols=" + ALL).status(), "its price is still served");
        assertRefused(buy("XRPUSDC", ""), -1013, "Market is closed.");
        assertEquals(200, buy("BTCUSDC", "").status(), "the other pairs trade");
        binance.setStatus("XRPUSDC", "TRADING");
        assertEquals(200, buy("XRPUSDC", "").status());
    }

    @Test
    void aRemovedPairFailsTheWholeBatchedRequestUntilListedAgain() {
        binance.remove("XRPUSDC");
        assertRefused(client.get("/api/v3/ticker/price?symbols=" + ALL), -1121, "Invalid symbol.");
        assertRefused(client.get("/api/v3/exchangeInfo?symbols=" + ALL), -1121, "Invalid symbol.");
        assertEquals(200, client.get("/api/v3/ticker/price?symbols=" + URLEncoder.encode("[\"BTCUSDC\"]", StandardCharsets.UTF_8)).status());
        assertRefused(buy("XRPUSDC", ""), -1121, "Invalid symbol.");
        binance.listAgain("XRPUSDC");
        assertEquals(200, client.get("/api/v3/ticker/price?symbols=" + ALL).status());
        assertEquals("TRADING", symbolInfo("XRPUSDC").path("status").asText());
        assertEquals(200, buy("XRPUSDC", "").status());
    }

    @Test
    void exchangeInfoPublishesEachPairsStpModes() {
        binance.setStpModes("ETHUSDC", "NONE", List.of("NONE", "EXPIRE_MAKER", "EXPIRE_BOTH"));
        JsonNode btc = symbolInfo("BTCUSDC");
        assertEquals("EXPIRE_MAKER", btc.path("defaultSelfTradePreventionMode").asText());
        assertTrue(btc.path("allowedSelfTradePreventionModes").toString().contains("EXPIRE_TAKER"), btc.toString());
        assertEquals("NONE", symbolInfo("ETHUSDC").path("defaultSelfTradePreventionMode").asText());
        assertRefused(client.signed("POST", "/api/v3/order", "symbol=ETHUSDC&side=BUY&type=MARKET&quoteOrderQty=50"
                + "&newClientOrderId=e1&selfTradePreventionMode=EXPIRE_TAKER"), -1013,
                "This symbol does not allow the specified self-trade prevention mode.");
    }

    @Test
    void withoutAModeTheSymbolsDefaultExpireMakerCancelsTheUsersRestingOrder() {
        account.setBalance("BTC", "0.01");
        long users = account.placeUserOrder("BTCUSDC", "BUY", "0.002", "97000.10", "0");
        assertEquals(new BigDecimal("194.00020"), account.lockedTotal("USDC"));
        Answer sell = sell("0.001", "");
        assertEquals("FILLED", sell.json().path("status").asText());
        assertEquals("EXPIRE_MAKER", sell.json().path("selfTradePreventionMode").asText());
        FakeSpotAccount.UserOrder after = userOrder(users);
        assertEquals("EXPIRED_IN_MATCH", after.status(), "the follower's market order cancelled the user's own order");
        assertEquals(0, account.lockedTotal("USDC").signum(), "its USDC is free again");
    }

    @Test
    void expireTakerEndsTheFollowersOrderWithWhatExecutedBeforeAndLeavesTheUsersOrder() {
        account.setBalance("BTC", "0.01");
        long users = account.placeUserOrder("BTCUSDC", "BUY", "0.002", "97000.10", "0.5");
        Answer sell = sell("0.001", "&selfTradePreventionMode=EXPIRE_TAKER");
        assertEquals("EXPIRED_IN_MATCH", sell.json().path("status").asText());
        assertEquals("0.00050000", sell.json().path("executedQty").asText(), "half executed before meeting the user's order");
        assertEquals("0.00050000", sell.json().path("preventedQuantity").asText());
        assertEquals(new BigDecimal("0.00950"), account.balance("BTC"));
        assertEquals("NEW", userOrder(users).status());
        Answer found = client.signed("GET", "/api/v3/order", "symbol=BTCUSDC&origClientOrderId=f-sell");
        assertEquals("EXPIRED_IN_MATCH", found.json().path("status").asText());
    }

    @Test
    void expireBothEndsBothOrders() {
        account.setBalance("BTC", "0.01");
        long users = account.placeUserOrder("BTCUSDC", "BUY", "0.002", "97000.10", "0");
        Answer sell = sell("0.001", "&selfTradePreventionMode=EXPIRE_BOTH");
        assertEquals("EXPIRED_IN_MATCH", sell.json().path("status").asText());
        assertEquals("0.00000000", sell.json().path("executedQty").asText());
        assertEquals("EXPIRED_IN_MATCH", userOrder(users).status());
        assertEquals(0, new BigDecimal("0.01").compareTo(account.balance("BTC")), "nothing sold");
    }

    @Test
    void noneLetsTheUserTradeWithThemself() {
        account.setBalance("USDC", "1000");
        account.setBalance("BTC", "0.01");
        long users = account.placeUserOrder("BTCUSDC", "SELL", "0.002", "97000.10", "0");
        Answer buy = client.signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=BUY&type=MARKET&quoteOrderQty=97.0001"
                + "&newClientOrderId=f-buy&selfTradePreventionMode=NONE");
        assertEquals("FILLED", buy.json().path("status").asText());
        assertEquals("PARTIALLY_FILLED", userOrder(users).status(), "the user's own sell was filled by the follower's buy");
        assertEquals(0, new BigDecimal("0.001").compareTo(userOrder(users).executedQty()));
    }

    @Test
    void aUsersOrderFarFromThePriceLocksUsdcOrCoinsAndIsNeverMet() {
        account.setBalance("USDC", "1000");
        account.setBalance("ETH", "1");
        long buy = account.placeUserOrder("ETHUSDC", "BUY", "0.1", "3000", null);
        long sell = account.placeUserOrder("ETHUSDC", "SELL", "0.5", "4000", null);
        assertEquals(new BigDecimal("700.0"), account.balance("USDC"));
        assertEquals(new BigDecimal("1000.0"), account.held("USDC"));
        assertEquals(new BigDecimal("0.5"), account.balance("ETH"));
        assertEquals("FILLED", client.signed("POST", "/api/v3/order", "symbol=ETHUSDC&side=SELL&type=MARKET&quantity=0.1"
                + "&newClientOrderId=f-eth").json().path("status").asText());
        assertEquals("NEW", userOrder(buy).status());
        account.cancelUserOrders();
        assertEquals("CANCELED", userOrder(sell).status());
        assertEquals(0, account.lockedTotal("USDC").signum());
        assertEquals(0, account.lockedTotal("ETH").signum());
    }

    @Test
    void usdcLockedOrInEarnLeavesTheFreeBalanceAndComesBack() {
        account.setBalance("USDC", "1000");
        account.lock("USDC", "400");
        assertEquals(new BigDecimal("600"), account.balance("USDC"));
        JsonNode usdc = balanceOf("USDC");
        assertEquals("600.00000000", usdc.path("free").asText());
        assertEquals("400.00000000", usdc.path("locked").asText());
        account.moveToEarn("USDC", "600");
        assertEquals("0.00000000", balanceOf("USDC").path("free").asText(), "the USDC in Earn is not on the Spot account");
        assertEquals(new BigDecimal("1000"), account.owned("USDC"));
        account.backFromEarn("USDC");
        account.unlockAll("USDC");
        assertEquals(new BigDecimal("1000"), account.balance("USDC"));
        account.moveToEarn("USDC", "1000");
        assertNull(balanceOfOrNull("USDC"), "with omitZeroBalances=true an asset all in Earn vanishes");
        account.backFromEarn("USDC");
    }

    private Answer buy(String symbol, String extra) {
        return client.signed("POST", "/api/v3/order", "symbol=" + symbol + "&side=BUY&type=MARKET&quoteOrderQty=20"
                + "&newClientOrderId=b-" + symbol + "-" + System.nanoTime() % 100000 + extra);
    }

    private Answer sell(String quantity, String extra) {
        return client.signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=SELL&type=MARKET&quantity=" + quantity
                + "&newClientOrderId=f-sell" + extra);
    }

    private FakeSpotAccount.UserOrder userOrder(long id) {
        return account.userOrders().stream().filter(o -> o.orderId() == id).findFirst().orElseThrow();
    }

    private JsonNode symbolInfo(String symbol) {
        return client.get("/api/v3/exchangeInfo?symbols=" + URLEncoder.encode("[\"" + symbol + "\"]", StandardCharsets.UTF_8))
                .json().path("symbols").get(0);
    }

    private JsonNode balanceOf(String asset) {
        JsonNode found = balanceOfOrNull(asset);
        assertTrue(found != null, asset + " missing from the account");
        return found;
    }

    private JsonNode balanceOfOrNull(String asset) {
        for (JsonNode b : client.signed("GET", "/api/v3/account", "omitZeroBalances=true").json().path("balances")) {
            if (b.path("asset").asText().equals(asset)) {
                return b;
            }
        }
        return null;
    }
}
