package com.calvalot.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.calvalot.support.StandInClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La doublure Binance refuse ce que Binance refuse, avec ses codes et ses messages (errors.md,
 * rest-api.md) : une régression du suiveur qui enverrait une telle requête ne passe plus la suite.
 * Les requêtes du suiveur lui-même (les mêmes paramètres, selfTradePreventionMode compris) passent.
 */
class StrictStandInTest {

    private static final String KEY = "strict-key";
    private static final String SECRET = "strict-secret";
    private static final String BUY = "symbol=BTCUSDC&side=BUY&type=MARKET&quoteOrderQty=50&newClientOrderId=cal-0123456789abcdef0123456789abcdef"
            + "&newOrderRespType=FULL";

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    private final StandInClient client = new StandInClient(binance, KEY, SECRET);

    @AfterEach
    void close() {
        binance.close();
    }

    @Test
    void theFollowersOwnRequestsAreAccepted() {
        assertEquals(200, signed("POST", "/api/v3/order", BUY + "&selfTradePreventionMode=EXPIRE_TAKER", true).status());
        assertEquals(200, signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=SELL&type=MARKET&quantity=0.0001"
                + "&newClientOrderId=cal-sell&newOrderRespType=FULL", true).status());
        assertEquals(200, signed("GET", "/api/v3/order", "symbol=BTCUSDC&origClientOrderId=cal-sell", true).status());
        Answer found = signed("GET", "/api/v3/order", "symbol=BTCUSDC&origClientOrderId=cal-0123456789abcdef0123456789abcdef", true);
        assertEquals("EXPIRE_TAKER", found.json().path("selfTradePreventionMode").asText());
        String orderId = found.json().path("orderId").asText();
        assertEquals(200, signed("GET", "/api/v3/myTrades", "symbol=BTCUSDC&orderId=" + orderId, true).status());
        assertEquals(200, signed("GET", "/api/v3/account", "omitZeroBalances=true", true).status());
        assertEquals(200, signed("GET", "/sapi/v1/account/apiRestrictions", "", true).status());
        assertEquals(200, get("/api/v3/ticker/price?symbols=" + URLEncoder.encode("[\"BTCUSDC\",\"ETHUSDC\"]", StandardCharsets.UTF_8)).status());
        assertEquals(200, get("/api/v3/exchangeInfo?symbols=" + URLEncoder.encode("[\"BTCUSDC\"]", StandardCharsets.UTF_8)).status());
    }

    @Test
    void anUnknownParameterIsRefusedWithMinus1104() {
        Answer answer = signed("POST", "/api/v3/order", BUY + "&created=1613138460000", true);
        assertRefused(answer, -1104, "Not all sent parameters were read; read '9' parameter(s) but was sent '10'.");
        assertRefused(get("/api/v3/ticker/price?symbol=BTCUSDC&depth=5"), -1104, "Not all sent parameters were read; read '1' parameter(s) but was sent '2'.");
        assertTrue(account.orders().isEmpty(), "nothing executed");
    }

    @Test
    void aMissingMandatoryParameterIsMinus1102NotAClockError() {
        Answer noTimestamp = send("GET", "/api/v3/account", sign("omitZeroBalances=true"));
        assertRefused(noTimestamp, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        assertRefused(signed("POST", "/api/v3/order", "side=BUY&type=MARKET&quoteOrderQty=50", true), -1102,
                "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        assertRefused(signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=BUY&type=MARKET", true), -1102,
                "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
    }

    @Test
    void numbersInExponentFormOrTooLongAreMinus1100() {
        String range = "'^([0-9]{1,20})(\\.[0-9]{1,20})?$'";
        assertRefused(signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=BUY&type=MARKET&quoteOrderQty=5E%2B1", true), -1100,
                "Illegal characters found in parameter 'quoteOrderQty'; legal range is " + range + ".");
        assertRefused(signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=SELL&type=MARKET&quantity=0.000000000000000000001", true),
                -1100, "Illegal characters found in parameter 'quantity'; legal range is " + range + ".");
        assertRefused(signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=BUY&type=MARKET&quoteOrderQty=50.000000001", true),
                -1111, "Parameter 'quoteOrderQty' has too much precision.");
    }

    @Test
    void aClientOrderIdOutsideBinancesPatternIsMinus1100() {
        for (String id : new String[] {"cal.1", "cal:1", "cal/1", "x".repeat(37)}) {
            assertRefused(signed("POST", "/api/v3/order", "symbol=BTCUSDC&side=BUY&type=MARKET&quoteOrderQty=50&newClientOrderId="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8), true), -1100,
                    "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.");
        }
    }

    @Test
    void aRecvWindowOver60000IsRefused() {
        String query = "omitZeroBalances=true&recvWindow=60001&timestamp=" + binance.serverTime();
        assertRefused(send("GET", "/api/v3/account", sign(query)), -1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000.");
        String fine = "omitZeroBalances=true&recvWindow=60000&timestamp=" + binance.serverTime();
        assertEquals(200, send("GET", "/api/v3/account", sign(fine)).status());
    }

    @Test
    void anOrderLookupWithoutAnIdIsMinus1102NotUnknownOrder() {
        assertRefused(signed("GET", "/api/v3/order", "symbol=BTCUSDC", true), -1102,
                "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        assertRefused(signed("GET", "/api/v3/order", "symbol=BTCUSDC&origClientOrderId=cal-none", true), -2013, "Order does not exist.");
    }

    @Test
    void anStpModeTheSymbolDoesNotAllowIsMinus1013() {
        assertRefused(signed("POST", "/api/v3/order", BUY + "&selfTradePreventionMode=TRANSFER", true), -1013,
                "This symbol does not allow the specified self-trade prevention mode.");
        assertRefused(signed("POST", "/api/v3/order", BUY + "&selfTradePreventionMode=NEVER", true), -1100,
                "Illegal characters found in parameter 'selfTradePreventionMode'; legal range is "
                        + "'NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH, DECREMENT, TRANSFER'.");
    }

    @Test
    void aCoinSoldToZeroVanishesWithOmitZeroBalances() {
        account.setBalance("SOL", "0.5");
        assertEquals(200, signed("POST", "/api/v3/order", "symbol=SOLUSDC&side=SELL&type=MARKET&quantity=0.5&newClientOrderId=s1", true).status());
        assertTrue(hasAsset(signed("GET", "/api/v3/account", "omitZeroBalances=false", true).json(), "SOL"), "shown at 0 without the option");
        assertFalse(hasAsset(signed("GET", "/api/v3/account", "omitZeroBalances=true", true).json(), "SOL"), "gone with omitZeroBalances=true");
    }

    @Test
    void commissionsAreAnsweredAsPlainDecimalStrings() {
        account.setBalance("BNB", "1");
        account.payCommissionInBnb();
        JsonNode fill = signed("POST", "/api/v3/order", BUY, true).json().path("fills").get(0);
        assertTrue(fill.path("commission").isTextual(), fill.toString());
        assertTrue(fill.path("commission").asText().matches(SpotRequestRules.DECIMAL), fill.toString());
        assertEquals("BNB", fill.path("commissionAsset").asText());
    }

    private static boolean hasAsset(JsonNode account, String asset) {
        for (JsonNode b : account.path("balances")) {
            if (b.path("asset").asText().equals(asset)) {
                return true;
            }
        }
        return false;
    }

    static void assertRefused(Answer answer, int code, String message) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(code, answer.json().path("code").asInt(), answer.body());
        assertEquals(message, answer.json().path("msg").asText(), answer.body());
    }

    private Answer signed(String method, String path, String query, boolean withWindow) {
        return withWindow ? client.signed(method, path, query)
                : client.send(method, path, client.sign(query + "&timestamp=" + binance.serverTime()));
    }

    private String sign(String query) {
        return client.sign(query);
    }

    private Answer get(String pathAndQuery) {
        return client.get(pathAndQuery);
    }

    private Answer send(String method, String path, String query) {
        return client.send(method, path, query);
    }
}
