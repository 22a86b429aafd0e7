package com.calvalot.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * Un Binance Spot de test sur 127.0.0.1, strict comme le vrai pour les appels publics :
 * {@code /api/v3/ticker/price} (symbols en tableau JSON, symbole inconnu → 400 -1121 pour TOUTE la
 * requête groupée), {@code /api/v3/exchangeInfo} avec des filtres réalistes, le statut de chaque
 * paire et ses modes STP, {@code /api/v3/time}.
 * Les prix se règlent, une paire s'arrête ({@link #setStatus} : BREAK, HALT…), disparaît
 * ({@link #remove}) et revient ({@link #listAgain}), une panne s'injecte ({@link #failWith}), chaque
 * appel est compté et chaque cours servi est gardé ({@link #pricesServed}).
 * D'autres chemins (appels signés) s'ajoutent avec {@link #handle}.
 */
public class FakeBinance implements AutoCloseable {

    /** Les filtres d'une paire : pas de quantité, quantité minimale, pas de prix, notionnel minimal. */
    public record SymbolFilters(String stepSize, String minQty, String tickSize, String minNotional) {
    }

    public static final Map<String, SymbolFilters> FILTERS = Map.of(
            "BTCUSDC", new SymbolFilters("0.00001", "0.00001", "0.01", "5"),
            "ETHUSDC", new SymbolFilters("0.0001", "0.0001", "0.01", "5"),
            "BNBUSDC", new SymbolFilters("0.001", "0.001", "0.1", "5"),
            "SOLUSDC", new SymbolFilters("0.001", "0.001", "0.01", "5"),
            "XRPUSDC", new SymbolFilters("0.1", "0.1", "0.0001", "5"),
            "EURUSDC", new SymbolFilters("0.1", "0.1", "0.0001", "5"));

    static {
        // comme un vrai serveur : TCP_NODELAY, sinon Nagle et l'ACK retardé ajoutent 40 ms à une réponse
        // écrite en deux fois (en-têtes puis corps) et faussent toute mesure du temps d'une copie
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Le mode STP par défaut d'une paire et ceux qu'elle autorise, comme Binance les publie pour les paires USDC. */
    public static final String DEFAULT_STP_MODE = "EXPIRE_MAKER";
    public static final List<String> ALLOWED_STP_MODES = List.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT");

    /** Les modes STP d'une paire (exchangeInfo {@code defaultSelfTradePreventionMode}, {@code allowedSelfTradePreventionModes}). */
    public record StpModes(String defaultMode, List<String> allowed) {
    }

    /** Un cours servi par /api/v3/ticker/price : quand (ms) et les prix de la réponse. */
    public record PricesServed(long at, Map<String, BigDecimal> prices) {
    }

    private final HttpServer server;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final java.util.Set<String> removed = ConcurrentHashMap.newKeySet();
    private final Map<String, StpModes> stpModes = new ConcurrentHashMap<>();
    private final List<PricesServed> served = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile int failStatus;
    private volatile long answerDelayMs;
    private final List<long[]> spans = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long serverSkewMs;

    public FakeBinance() {
        prices.putAll(Map.of(
                "BTCUSDC", new BigDecimal("97000.10"), "ETHUSDC", new BigDecimal("3500.55"),
                "BNBUSDC", new BigDecimal("650.3"), "SOLUSDC", new BigDecimal("180.12"),
                "XRPUSDC", new BigDecimal("2.3456"), "EURUSDC", new BigDecimal("1.08")));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // comme la vraie bourse, les requêtes simultanées sont servies en même temps (une vague de
        // 5 ordres ne fait pas la queue derrière 4 fils)
        server.setExecutor(Executors.newFixedThreadPool(8));
        handle("/api/v3/ticker/price", this::tickerPrice);
        handle("/api/v3/exchangeInfo", this::exchangeInfo);
        handle("/api/v3/time", exchange -> send(exchange, 200, "{\"serverTime\":" + serverTime() + "}"));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void setPrice(String symbol, String price) {
        prices.put(symbol, new BigDecimal(price));
    }

    public BigDecimal price(String symbol) {
        return prices.get(symbol);
    }

    /** Le mode STP qu'un ordre sans {@code selfTradePreventionMode} reçoit sur cette paire. */
    public String defaultStpMode(String symbol) {
        StpModes modes = stpModes.get(symbol);
        return modes == null ? DEFAULT_STP_MODE : modes.defaultMode();
    }

    /** Les modes STP qu'un ordre sur cette paire peut demander (un autre est refusé, -1013). */
    public List<String> allowedStpModes(String symbol) {
        StpModes modes = stpModes.get(symbol);
        return modes == null ? ALLOWED_STP_MODES : modes.allowed();
    }

    /** Binance change les modes STP d'une paire (exchangeInfo les publie ; un ordre au mode refusé répond -1013). */
    public void setStpModes(String symbol, String defaultMode, List<String> allowed) {
        stpModes.put(symbol, new StpModes(defaultMode, List.copyOf(allowed)));
    }

    /**
     * Le statut de la paire dans exchangeInfo : {@code TRADING}, ou {@code BREAK}, {@code HALT},
     * {@code END_OF_DAY}… (enums.md). Hors TRADING, un ordre y est refusé {@code -1013 Market is closed.}
     * (la réponse que Binance donne en vrai ; errors.md range ce message parmi ceux du moteur) ; son cours
     * reste servi.
     */
    public void setStatus(String symbol, String status) {
        if (status.equals("TRADING")) {
            statuses.remove(symbol);
        } else {
            statuses.put(symbol, status);
        }
    }

    /** Le statut publié de la paire ; null si Binance ne la connaît plus. */
    public String status(String symbol) {
        return knows(symbol) ? statuses.getOrDefault(symbol, "TRADING") : null;
    }

    /**
     * Binance ne connaît plus la paire (retirée de la cote) : {@code -1121 Invalid symbol.} pour toute
     * requête qui la nomme, y compris la requête groupée entière des prix et d'exchangeInfo.
     */
    public void remove(String symbol) {
        removed.add(symbol);
    }

    /** La paire est de nouveau cotée, TRADING. */
    public void listAgain(String symbol) {
        removed.remove(symbol);
        statuses.remove(symbol);
    }

    /** Binance connaît cette paire (elle a des filtres et n'a pas été retirée). */
    public boolean knows(String symbol) {
        return FILTERS.containsKey(symbol) && !removed.contains(symbol);
    }

    /** Chaque réponse réussie de /api/v3/ticker/price, dans l'ordre : les prix que le suiveur a pu lire, et quand. */
    public List<PricesServed> pricesServed() {
        return List.copyOf(served);
    }

    /** L'horloge de la bourse, décalée de {@code skewMs} par rapport à la nôtre (test de -1021). */
    public void setServerSkewMs(long skewMs) {
        serverSkewMs = skewMs;
    }

    public long serverTime() {
        return System.currentTimeMillis() + serverSkewMs;
    }

    /** Toutes les réponses suivantes ont ce statut (0 : retour à la normale). */
    /**
     * Un aller-retour réseau émulé, pour le banc : chaque requête attend {@code millis} ms avant d'être
     * servie (l'heure d'un ordre est prise quand il est servi).
     */
    public void delayAnswers(long millis) {
        answerDelayMs = millis;
    }

    public void failWith(int status) {
        failStatus = status;
    }

    public int calls(String path) {
        AtomicInteger count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    /** Début et fin (ms Unix) de chaque requête servie, dans l'ordre des fins. */
    public List<long[]> requestSpans() {
        return List.copyOf(spans);
    }

    /** Ajoute un chemin ; la panne injectée et le comptage s'y appliquent aussi. */
    public final void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            long start = System.currentTimeMillis();
            try (exchange) {
                calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                pause(answerDelayMs);
                if (failStatus != 0) {
                    send(exchange, failStatus, "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}");
                    return;
                }
                // comme Binance : un paramètre inconnu, répété, mal formé ou manquant est refusé avant tout
                String refused = SpotRequestRules.refusal(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        SpotRequestRules.params(exchange.getRequestURI().getRawQuery()));
                if (refused != null) {
                    send(exchange, 400, refused);
                    return;
                }
                handler.handle(exchange);
            } catch (RuntimeException e) {
                send(exchange, 500, "{\"code\":-1000,\"msg\":\"" + e.getMessage() + "\"}");
            } finally {
                spans.add(new long[] {start, System.currentTimeMillis()});
            }
        });
    }

    private void tickerPrice(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        List<String> symbols = query.containsKey("symbol") ? List.of(query.get("symbol"))
                : query.containsKey("symbols") ? symbols(query.get("symbols")) : new ArrayList<>(new java.util.TreeSet<>(prices.keySet()));
        String status = query.get("symbolStatus");
        ArrayNode answer = Json.MAPPER.createArrayNode();
        Map<String, BigDecimal> answered = new LinkedHashMap<>();
        for (String symbol : symbols) {
            BigDecimal price = prices.get(symbol);
            if (price == null || removed.contains(symbol)) {
                // comme Binance : un seul symbole inconnu fait refuser toute la requête groupée
                send(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
                return;
            }
            if (status != null && !status.equals(status(symbol))) {
                if (query.containsKey("symbol")) {
                    send(exchange, 400, "{\"code\":-1220,\"msg\":\"The symbol's status does not match the requested symbolStatus.\"}");
                    return;
                }
                continue;
            }
            answer.addObject().put("symbol", symbol).put("price", price.setScale(8).toPlainString());
            answered.put(symbol, price);
        }
        served.add(new PricesServed(System.currentTimeMillis(), Map.copyOf(answered)));
        send(exchange, 200, query.containsKey("symbol") ? answer.get(0).toString() : answer.toString());
    }

    private void exchangeInfo(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        String requested = query.containsKey("symbol") ? "[\"" + query.get("symbol") + "\"]" : query.get("symbols");
        List<String> symbols = requested == null ? new ArrayList<>(new java.util.TreeSet<>(FILTERS.keySet())) : symbols(requested);
        if (requested == null) {
            symbols.removeAll(removed);
        }
        String status = query.get("symbolStatus");
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("timezone", "UTC").put("serverTime", System.currentTimeMillis());
        ArrayNode list = answer.putArray("symbols");
        for (String symbol : symbols) {
            SymbolFilters f = FILTERS.get(symbol);
            if (f == null || removed.contains(symbol)) {
                send(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
                return;
            }
            if (status != null && !status.equals(status(symbol))) {
                continue;
            }
            ObjectNode s = list.addObject();
            s.put("symbol", symbol).put("status", status(symbol)).put("baseAsset", symbol.substring(0, 3))
                    .put("baseAssetPrecision", 8).put("quoteAsset", "USDC").put("quotePrecision", 8)
                    .put("quoteAssetPrecision", 8).put("baseCommissionPrecision", 8).put("quoteCommissionPrecision", 8)
                    .put("quoteOrderQtyMarketAllowed", true).put("isSpotTradingAllowed", true)
                    .put("defaultSelfTradePreventionMode", defaultStpMode(symbol));
            ArrayNode orderTypes = s.putArray("orderTypes");
            List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT")
                    .forEach(orderTypes::add);
            ArrayNode stpModes = s.putArray("allowedSelfTradePreventionModes");
            allowedStpModes(symbol).forEach(stpModes::add);
            ArrayNode filters = s.putArray("filters");
            filters.addObject().put("filterType", "PRICE_FILTER").put("minPrice", f.tickSize())
                    .put("maxPrice", "1000000.00000000").put("tickSize", f.tickSize());
            filters.addObject().put("filterType", "LOT_SIZE").put("minQty", f.minQty())
                    .put("maxQty", "9000000.00000000").put("stepSize", f.stepSize());
            filters.addObject().put("filterType", "MARKET_LOT_SIZE").put("minQty", "0.00000000")
                    .put("maxQty", "100000.00000000").put("stepSize", "0.00000000");
            filters.addObject().put("filterType", "NOTIONAL").put("minNotional", f.minNotional())
                    .put("applyMinToMarket", true).put("maxNotional", "9000000.00000000")
                    .put("applyMaxToMarket", false).put("avgPriceMins", 5);
        }
        send(exchange, 200, answer.toString());
    }

    /** {@code ["BTCUSDC","ETHUSDC"]} → la liste ; un paramètre absent ou mal formé lève. */
    private static List<String> symbols(String json) {
        if (json == null) {
            throw new IllegalArgumentException("Mandatory parameter 'symbols' was not sent");
        }
        try {
            List<String> symbols = new ArrayList<>();
            for (JsonNode node : Json.MAPPER.readTree(json)) {
                symbols.add(node.asText());
            }
            return symbols;
        } catch (IOException e) {
            throw new IllegalArgumentException("Illegal characters found in parameter 'symbols'");
        }
    }

    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
