package com.calvalot.support;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Les paramètres que Binance Spot documente pour chaque appel que le suiveur fait
 * (binance-spot-api-docs rest-api.md, binance-api-swagger spot_api.yaml), et les refus qu'il oppose,
 * avec ses codes et ses messages (errors.md) : un paramètre inconnu (-1104), un paramètre répété
 * (-1101), un paramètre obligatoire absent ou vide (-1102), un nombre en exposant ou trop long
 * (-1100, {@code ^([0-9]{1,20})(\.[0-9]{1,20})?$}), un client order id hors de
 * {@code ^[a-zA-Z0-9-_]{1,36}$} (-1100), un recvWindow au-delà de 60000 (-1102), une relecture
 * d'ordre sans orderId ni origClientOrderId (-1102, plus -2013 depuis 2025-04-07).
 * La doublure refuse ainsi ce que Binance refuse : une régression du suiveur ne passe plus la suite.
 */
final class SpotRequestRules {

    /** Un paramètre reçu, dans l'ordre de la requête (les doublons restent visibles). */
    record Param(String name, String value) {
    }

    /** Ce qu'un appel accepte : ses paramètres, les obligatoires, leur type (décimal, entier, booléen). */
    private record Endpoint(Set<String> allowed, Set<String> mandatory, Set<String> decimals, Set<String> longs,
                            Set<String> booleans) {
    }

    static final String DECIMAL = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    static final String LONG = "^[0-9]{1,20}$";
    static final String CLIENT_ORDER_ID = "^[a-zA-Z0-9-_]{1,36}$";
    static final BigDecimal MAX_RECV_WINDOW = new BigDecimal("60000");

    private static final Set<String> SIGNED = Set.of("recvWindow", "timestamp", "signature");

    private static final Map<String, Endpoint> ENDPOINTS = Map.of(
            // POST /api/v3/order (rest-api.md « New order (TRADE) »), selfTradePreventionMode compris
            "POST /api/v3/order", signed(
                    Set.of("symbol", "side", "type", "timeInForce", "quantity", "quoteOrderQty", "price", "newClientOrderId",
                            "strategyId", "strategyType", "stopPrice", "trailingDelta", "icebergQty", "newOrderRespType",
                            "selfTradePreventionMode", "pegPriceType", "pegOffsetValue", "pegOffsetType"),
                    Set.of("symbol", "side", "type"),
                    Set.of("quantity", "quoteOrderQty", "price", "stopPrice", "icebergQty"),
                    Set.of("strategyId", "strategyType", "trailingDelta", "pegOffsetValue"), Set.of()),
            // GET /api/v3/order (« Query order (USER_DATA) »)
            "GET /api/v3/order", signed(Set.of("symbol", "orderId", "origClientOrderId"), Set.of("symbol"), Set.of(),
                    Set.of("orderId"), Set.of()),
            // GET /api/v3/myTrades (« Account trade list (USER_DATA) »)
            "GET /api/v3/myTrades", signed(Set.of("symbol", "orderId", "startTime", "endTime", "fromId", "limit"),
                    Set.of("symbol"), Set.of(), Set.of("orderId", "startTime", "endTime", "fromId", "limit"), Set.of()),
            // GET /api/v3/account (« Account information (USER_DATA) »)
            "GET /api/v3/account", signed(Set.of("omitZeroBalances"), Set.of(), Set.of(), Set.of(), Set.of("omitZeroBalances")),
            // GET /sapi/v1/account/apiRestrictions (swagger spot_api.yaml)
            "GET /sapi/v1/account/apiRestrictions", signed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of()),
            // les appels publics : GET /api/v3/ticker/price, /api/v3/exchangeInfo, /api/v3/time
            "GET /api/v3/ticker/price", open(Set.of("symbol", "symbols", "symbolStatus")),
            "GET /api/v3/exchangeInfo", open(Set.of("symbol", "symbols", "permissions", "showPermissionSets", "symbolStatus")),
            "GET /api/v3/time", open(Set.of()));

    private SpotRequestRules() {
    }

    private static Endpoint signed(Set<String> own, Set<String> mandatory, Set<String> decimals, Set<String> longs,
                                   Set<String> booleans) {
        Set<String> allowed = new HashSet<>(own);
        allowed.addAll(SIGNED);
        Set<String> required = new HashSet<>(mandatory);
        required.add("timestamp");
        required.add("signature");
        Set<String> decimal = new HashSet<>(decimals);
        decimal.add("recvWindow");
        Set<String> whole = new HashSet<>(longs);
        whole.add("timestamp");
        return new Endpoint(allowed, required, decimal, whole, booleans);
    }

    private static Endpoint open(Set<String> allowed) {
        return new Endpoint(allowed, Set.of(), Set.of(), Set.of(), Set.of("showPermissionSets"));
    }

    /** Les paramètres de la requête, dans leur ordre, doublons compris (décodés comme Binance les lit). */
    static List<Param> params(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.add(new Param(key, value));
        }
        return params;
    }

    /**
     * Le refus JSON que Binance opposerait à cette requête pour ses paramètres seuls, ou null si
     * elle passe (la signature, le recvWindow, les filtres et les soldes sont jugés ensuite).
     */
    static String refusal(String method, String path, List<Param> params) {
        Endpoint endpoint = ENDPOINTS.get(method + " " + path);
        if (endpoint == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        int unknown = 0;
        for (Param p : params) {
            if (!seen.add(p.name())) {
                return error(-1101, "Duplicate values for a parameter detected.");
            }
            if (!endpoint.allowed().contains(p.name())) {
                unknown++;
            }
        }
        for (String name : endpoint.mandatory()) {
            if (!seen.contains(name) || value(params, name).isEmpty()) {
                return error(-1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
            }
        }
        for (Param p : params) {
            String refused = typeRefusal(endpoint, p);
            if (refused != null) {
                return refused;
            }
        }
        if (unknown > 0) {
            // ce que Binance répond à un paramètre qu'il ne lit pas (REST) ; -1103 est la version FIX/WebSocket
            return error(-1104, "Not all sent parameters were read; read '" + (params.size() - unknown)
                    + "' parameter(s) but was sent '" + params.size() + "'.");
        }
        if (seen.contains("recvWindow") && new BigDecimal(value(params, "recvWindow")).compareTo(MAX_RECV_WINDOW) > 0) {
            return error(-1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000.");
        }
        if (path.equals("/api/v3/order") && method.equals("GET") && !seen.contains("orderId") && !seen.contains("origClientOrderId")) {
            return error(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        return null;
    }

    /** Les modes STP que Binance documente (enums.md « STP Modes »). */
    static final List<String> STP_MODES = List.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT", "TRANSFER");

    /**
     * Le refus d'un POST /api/v3/order bien formé mais que Binance n'accepte pas tel quel : paire
     * inconnue (-1121), sens ou type inconnu (-1117, -1116), MARKET sans quantity ni quoteOrderQty ou
     * avec les deux, timeInForce ou price sur un MARKET, newOrderRespType inconnu, mode STP inconnu
     * (-1100) ou que la paire n'autorise pas (-1013), paire arrêtée (statut hors TRADING :
     * -1013 Market is closed.) ; null s'il passe. La doublure n'exécute que des
     * MARKET (le suiveur n'envoie rien d'autre) : un autre type valide répond -1020.
     */
    static String orderRefusal(Map<String, String> p, FakeBinance binance) {
        List<String> allowedStpModes = binance.allowedStpModes(p.get("symbol"));
        if (!binance.knows(p.get("symbol"))) {
            return error(-1121, "Invalid symbol.");
        }
        if (!List.of("BUY", "SELL").contains(p.get("side"))) {
            return error(-1117, "Invalid side.");
        }
        String type = p.get("type");
        if (!List.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT", "LIMIT_MAKER").contains(type)) {
            return error(-1116, "Invalid orderType.");
        }
        if (!type.equals("MARKET")) {
            return error(-1020, "This operation is not supported.");
        }
        boolean quantity = p.containsKey("quantity");
        boolean quote = p.containsKey("quoteOrderQty");
        if (!quantity && !quote) {
            return error(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
        }
        if (quantity && quote) {
            return error(-1106, "Parameter 'quoteOrderQty' sent when not required.");
        }
        if (p.containsKey("timeInForce")) {
            return error(-1114, "TimeInForce parameter sent when not required.");
        }
        for (String notForMarket : List.of("price", "stopPrice", "icebergQty", "trailingDelta")) {
            if (p.containsKey(notForMarket)) {
                return error(-1106, "Parameter '" + notForMarket + "' sent when not required.");
            }
        }
        String respType = p.get("newOrderRespType");
        if (respType != null && !List.of("ACK", "RESULT", "FULL").contains(respType)) {
            return illegal("newOrderRespType", "ACK, RESULT, FULL");
        }
        String stp = p.get("selfTradePreventionMode");
        if (stp != null && !STP_MODES.contains(stp)) {
            return illegal("selfTradePreventionMode", String.join(", ", STP_MODES));
        }
        if (stp != null && !allowedStpModes.contains(stp)) {
            return error(-1013, "This symbol does not allow the specified self-trade prevention mode.");
        }
        if (!"TRADING".equals(binance.status(p.get("symbol")))) {
            return error(-1013, "Market is closed.");
        }
        return null;
    }

    private static String typeRefusal(Endpoint endpoint, Param p) {
        String name = p.name();
        String value = p.value();
        if (value.isEmpty() && endpoint.allowed().contains(name)) {
            return error(-1105, "Parameter '" + name + "' was empty.");
        }
        if (endpoint.decimals().contains(name) && !value.matches(DECIMAL)) {
            return illegal(name, DECIMAL);
        }
        if (endpoint.longs().contains(name) && !value.matches(LONG)) {
            return illegal(name, LONG);
        }
        if (endpoint.booleans().contains(name) && !value.equals("true") && !value.equals("false")) {
            return illegal(name, "true, false");
        }
        if (name.equals("newClientOrderId") && !value.matches(CLIENT_ORDER_ID)) {
            return illegal(name, CLIENT_ORDER_ID);
        }
        return null;
    }

    private static String illegal(String name, String range) {
        return error(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '" + range.replace("\\", "\\\\") + "'.");
    }

    static String value(List<Param> params, String name) {
        return params.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst().orElse("");
    }

    static String error(int code, String message) {
        return "{\"code\":" + code + ",\"msg\":\"" + message.replace("\"", "\\\"") + "\"}";
    }
}
