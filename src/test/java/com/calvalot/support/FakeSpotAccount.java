package com.calvalot.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Le côté signé de {@link FakeBinance}, strict comme Binance Spot : les paramètres que Binance
 * documente et ses refus ({@link SpotRequestRules} : inconnu -1104, manquant -1102, nombre en
 * exposant ou trop long -1100, client order id hors de {@code ^[a-zA-Z0-9-_]{1,36}$}, recvWindow
 * au-delà de 60000, relecture sans orderId ni origClientOrderId), clé X-MBX-APIKEY, signature
 * HMAC-SHA256 de la requête, timestamp dans le recvWindow (vérifié aussi au moment d'exécuter),
 * filtres (-1013), soldes (-2010), commission d'achat sur l'actif acheté, {@code omitZeroBalances},
 * tous les nombres rendus en texte décimal, et un client order id
 * d'ordre exécuté accepté à nouveau (comme le vrai : un renvoi aveugle double l'ordre).
 * Pannes injectables : 429 + Retry-After, 5xx ou connexion coupée après exécution, coupure
 * avant exécution, lenteur, refus choisi, et un ordre retenu sans réponse (crash test).
 * Un compte partagé comme un vrai : des pièces bloquées par les ordres limites de l'utilisateur
 * ({@code locked}, montrées mais jamais vendables), des soldes partis en Earn (absents du compte
 * Spot) puis revenus, des ordres au marché exécutés en partie (EXPIRED), et l'utilisateur qui
 * dépose, retire ou trade à côté.
 */
public class FakeSpotAccount {

    /** Un ordre exécuté par la fausse bourse. */
    public record Order(long orderId, String clientOrderId, String symbol, String side, BigDecimal executedQty,
                        BigDecimal quoteQty, BigDecimal commission, String commissionAsset, long time, String status,
                        BigDecimal origQty, String selfTradePreventionMode) {
    }

    private static final BigDecimal FEE = new BigDecimal("0.001");
    private static final BigDecimal BNB_FEE = new BigDecimal("0.00075");

    private final FakeBinance binance;
    private final String apiKey;
    private final byte[] secret;
    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> locked = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> earn = new ConcurrentHashMap<>();
    private final AtomicInteger partialFills = new AtomicInteger();
    private volatile BigDecimal partialFraction = BigDecimal.ONE;
    private final List<Order> orders = new CopyOnWriteArrayList<>();
    private final List<Long> orderCallTimes = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<String> refusedOrders = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId = new AtomicLong(1000);
    // pannes : nombre d'appels POST /api/v3/order concernés
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private volatile int rateLimitStatus = 429;
    private final Map<Long, BigDecimal> bnbPriceAtFill = new ConcurrentHashMap<>();
    private final AtomicInteger failAfterFill = new AtomicInteger();
    private volatile int failStatus = 503;
    private final AtomicInteger dropAfterFill = new AtomicInteger();
    private final AtomicInteger dropBeforeFill = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();
    private volatile long slowMs;
    private volatile String laterSymbol;
    private volatile int laterUntilOrders;
    private volatile Long waveSeed;
    private volatile long waveWindowMs;
    private final Object engine = new Object();
    private final AtomicInteger wavesReordered = new AtomicInteger();
    // sous engine : les ordres arrivés au moteur ensemble, pas encore exécutés
    private Batch arriving;

    /**
     * Des ordres arrivés au moteur ensemble ({@code keys} : paire et sens, par rang d'arrivée) ;
     * {@code order} : l'ordre d'exécution tiré, {@code turn} : le rang en cours.
     */
    private static final class Batch {
        final long closesAt;
        int size;
        final List<String> keys = new ArrayList<>();
        List<Integer> order;
        int turn;

        Batch(long closesAt) {
            this.closesAt = closesAt;
        }
    }
    private final AtomicInteger refuseNext = new AtomicInteger();
    private volatile String refusal;
    private volatile String refusalSymbol;
    private volatile boolean commissionInBnb;
    private final AtomicInteger lateRegistration = new AtomicInteger();
    private volatile long lateRegistrationMs;
    private final AtomicInteger lateRegistrationsDone = new AtomicInteger();
    private final AtomicInteger failLookups = new AtomicInteger();
    private volatile String lookupFailure;
    private volatile int lookupFailStatus;
    private final AtomicInteger accountReadsAllowed = new AtomicInteger(Integer.MAX_VALUE);
    private volatile int holdOrderNumber;
    private final java.util.concurrent.atomic.AtomicReference<Runnable> beforeNextAnswer = new java.util.concurrent.atomic.AtomicReference<>();
    private final CountDownLatch holdRelease = new CountDownLatch(1);
    private volatile boolean withdrawalsEnabled;

    private FakeSpotAccount(FakeBinance binance, String apiKey, String secret) {
        this.binance = binance;
        this.apiKey = apiKey;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        balances.put("USDC", new BigDecimal("1000"));
    }

    /** Ajoute /api/v3/order, /api/v3/account, /api/v3/myTrades et /sapi/v1/account/apiRestrictions à la fausse bourse. */
    public static FakeSpotAccount install(FakeBinance binance, String apiKey, String secret) {
        FakeSpotAccount account = new FakeSpotAccount(binance, apiKey, secret);
        binance.handle("/api/v3/order", e -> account.signed(e, account::order));
        binance.handle("/api/v3/account", e -> account.signed(e, account::account));
        binance.handle("/api/v3/myTrades", e -> account.signed(e, account::myTrades));
        binance.handle("/sapi/v1/account/apiRestrictions", e -> account.signed(e, account::apiRestrictions));
        return account;
    }

    /** Les droits de la clé que répond apiRestrictions (false par défaut, comme une clé neuve). */
    public void allowWithdrawals(boolean enabled) {
        withdrawalsEnabled = enabled;
    }

    public void setBalance(String asset, String free) {
        balances.put(asset, new BigDecimal(free));
    }

    /** Le solde libre (ce qu'un ordre peut dépenser ou vendre). */
    public BigDecimal balance(String asset) {
        return balances.getOrDefault(asset, BigDecimal.ZERO);
    }

    /** Libre + bloqué : ce que le compte Spot détient. */
    public BigDecimal held(String asset) {
        return balance(asset).add(locked.getOrDefault(asset, BigDecimal.ZERO));
    }

    /** Libre + bloqué + en Earn : tout ce que l'utilisateur possède de cet actif chez Binance. */
    public synchronized BigDecimal owned(String asset) {
        return held(asset).add(earn.getOrDefault(asset, BigDecimal.ZERO));
    }

    /** Un ordre limite de l'utilisateur bloque {@code amount} de l'actif (libre → bloqué). */
    public void lock(String asset, String amount) {
        move(asset, new BigDecimal(amount), balances, locked);
    }

    /** L'ordre limite de l'utilisateur est annulé : tout ce qui était bloqué redevient libre. */
    public void unlockAll(String asset) {
        move(asset, null, locked, balances);
    }

    /** Binance (Earn auto-subscribe) ou l'utilisateur déplace {@code amount} du libre vers Simple Earn. */
    public void moveToEarn(String asset, String amount) {
        move(asset, new BigDecimal(amount), balances, earn);
    }

    /** Tout ce qui était en Earn revient sur le compte Spot, libre. */
    public void backFromEarn(String asset) {
        move(asset, null, earn, balances);
    }

    /** Déplace {@code amount} (null : tout) d'un solde à l'autre, jamais plus qu'il n'y en a. */
    private synchronized void move(String asset, BigDecimal amount, Map<String, BigDecimal> from, Map<String, BigDecimal> to) {
        BigDecimal there = from.getOrDefault(asset, BigDecimal.ZERO);
        BigDecimal moved = amount == null ? there : amount.min(there);
        from.merge(asset, moved.negate(), BigDecimal::add);
        to.merge(asset, moved, BigDecimal::add);
    }

    /** Un dépôt (montant positif) ou un retrait (négatif) de l'utilisateur, sur le solde libre. */
    public synchronized void transfer(String asset, String amount) {
        balances.merge(asset, new BigDecimal(amount), BigDecimal::add);
    }

    /**
     * Les {@code count} prochains ordres au marché ne trouvent de liquidité que pour {@code fraction} de
     * leur quantité : Binance les exécute en partie et les termine EXPIRED.
     */
    public void partiallyFillNextOrders(int count, String fraction) {
        partialFraction = new BigDecimal(fraction);
        partialFills.set(count);
    }

    public List<Order> orders() {
        return List.copyOf(orders);
    }

    /** Chaque refus de {@link #refusals()} avec l'ordre refusé et les soldes libres du moment (pour un diagnostic). */
    public List<String> refusedOrders() {
        return List.copyOf(refusedOrders);
    }

    /** Les heures (ms) des POST /api/v3/order reçus, refusés compris. */
    public List<Long> orderCallTimes() {
        return List.copyOf(orderCallTimes);
    }

    /** Les refus de filtres ou de solde que la bourse a dû opposer (un suiveur correct n'en provoque aucun). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public void rateLimitNextOrders(int count, int retryAfter) {
        rateLimitNextOrders(count, retryAfter, 429);
    }

    /** Idem avec le statut choisi : 429 (trop de requêtes) ou 418 (IP bannie pour un temps), avec Retry-After. */
    public void rateLimitNextOrders(int count, int retryAfter, int status) {
        retryAfterSeconds = retryAfter;
        rateLimitStatus = status;
        rateLimited.set(count);
    }

    public void failAfterFillNextOrders(int count, int status) {
        failStatus = status;
        failAfterFill.set(count);
    }

    public void dropAfterFillNextOrders(int count) {
        dropAfterFill.set(count);
    }

    public void dropBeforeFillNextOrders(int count) {
        dropBeforeFill.set(count);
    }

    public void slowNextOrders(int count, long millis) {
        slowMs = millis;
        slow.set(count);
    }

    /**
     * Le prochain ordre sur {@code symbol} n'arrive au moteur qu'après {@code others} autres ordres (ceux
     * de sa vague, envoyés en même temps) : Binance exécute une vague dans l'ordre qu'il veut, pas dans
     * celui de l'envoi. Au plus 10 s d'attente.
     */
    public void executeAfterTheRestOfTheirWave(String symbol, int others) {
        laterUntilOrders = orders.size() + others;
        laterSymbol = symbol;
    }

    /**
     * Comme le vrai moteur, qui n'exécute pas une vague dans l'ordre de son envoi : les ordres arrivés à
     * moins de {@code windowMs} ms du premier sont exécutés dans un ordre tiré de {@code seed} et de ce
     * qu'ils sont (paires et sens), pas de leur rang d'arrivée : la même vague d'une graine rejouée est
     * exécutée dans le même ordre, au lieu de suivre la course des fils du serveur.
     */
    public void executeWavesInDrawnOrder(long seed, long windowMs) {
        waveWindowMs = windowMs;
        waveSeed = seed;
    }

    /** Les vagues exécutées dans un autre ordre que celui de leur arrivée (voir {@link #executeWavesInDrawnOrder}). */
    public int wavesExecutedOutOfOrder() {
        return wavesReordered.get();
    }

    /** Le prochain ordre est refusé avec ce corps JSON (ex. {"code":-2010,...}). */
    public void refuseNextOrder(String json) {
        refuseNextOrder(null, json);
    }

    /** Le prochain ordre sur {@code symbol} (null : n'importe lequel) est refusé avec ce corps JSON. */
    public void refuseNextOrder(String symbol, String json) {
        refusal = json;
        refusalSymbol = symbol;
        refuseNext.set(1);
    }

    /** Les commissions sont payées en BNB (remise de 25 %), comme avec l'option « payer les frais en BNB ». */
    public void payCommissionInBnb() {
        payCommissionInBnb(true);
    }

    /** L'option « payer les frais en BNB » mise ou retirée. */
    public void payCommissionInBnb(boolean enabled) {
        commissionInBnb = enabled;
    }

    /** Le cours BNBUSDC au moment où l'ordre a payé sa commission en BNB (null : payée dans un autre actif). */
    public BigDecimal bnbPriceAtFill(long orderId) {
        return bnbPriceAtFill.get(orderId);
    }

    /**
     * Les {@code count} prochains ordres : la connexion est coupée sans réponse, et le moteur ne les
     * enregistre (exécute, rend visibles) que {@code delayMs} plus tard, s'ils sont encore dans leur
     * recvWindow, comme Binance quand son moteur est en retard sur sa passerelle.
     */
    public void registerLateNextOrders(int count, long delayMs) {
        lateRegistrationMs = delayMs;
        lateRegistration.set(count);
    }

    /** Après {@code count} lectures réussies de /api/v3/account, les suivantes répondent 503. */
    public void failAccountReadsAfter(int count) {
        accountReadsAllowed.set(count);
    }

    /** Combien d'enregistrements tardifs le moteur a déjà traités (exécutés ou périmés). */
    public int lateRegistrationsDone() {
        return lateRegistrationsDone.get();
    }

    /** Les {@code count} prochaines relectures (GET order et myTrades) échouent avec ce statut et ce corps. */
    public void failNextLookups(int count, int status, String json) {
        lookupFailStatus = status;
        lookupFailure = json;
        failLookups.set(count);
    }

    /** Le n-ième ordre (1 = le premier) est exécuté puis sa réponse retenue jusqu'à {@link #releaseHeld()}. */
    public void holdAnswerOfOrder(int orderNumber) {
        holdOrderNumber = orderNumber;
    }

    /** Une action (remplir le disque du suiveur…) jouée une fois, entre l'exécution du prochain ordre et sa réponse. */
    public void beforeNextAnswer(Runnable action) {
        beforeNextAnswer.set(action);
    }

    public void releaseHeld() {
        holdRelease.countDown();
    }

    long serverTime() {
        return binance.serverTime();
    }

    private interface SignedHandler {
        void handle(HttpExchange exchange, Map<String, String> params) throws IOException;
    }

    private void signed(HttpExchange exchange, SignedHandler handler) throws IOException {
        if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-MBX-APIKEY"))) {
            FakeBinance.send(exchange, 401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}");
            return;
        }
        String raw = exchange.getRequestURI().getRawQuery();
        int at = raw == null ? -1 : raw.lastIndexOf("&signature=");
        if (at < 0 || !hmac(raw.substring(0, at)).equals(raw.substring(at + "&signature=".length()))) {
            FakeBinance.send(exchange, 400, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
            return;
        }
        Map<String, String> params = FakeBinance.query(exchange);
        if (!inWindow(params)) {
            FakeBinance.send(exchange, 400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
            return;
        }
        handler.handle(exchange, params);
    }

    private boolean inWindow(Map<String, String> params) {
        long timestamp = Long.parseLong(params.getOrDefault("timestamp", "0"));
        // recvWindow est un décimal (jusqu'aux microsecondes) ; 5000 ms sans lui
        long window = new BigDecimal(params.getOrDefault("recvWindow", "5000")).longValue();
        long now = serverTime();
        return timestamp < now + 1000 && now - timestamp <= window;
    }

    private String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void account(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (accountReadsAllowed.getAndDecrement() <= 0) {
            FakeBinance.send(exchange, 503, "{\"code\":-1000,\"msg\":\"Service unavailable.\"}");
            return;
        }
        boolean omitZero = "true".equals(params.get("omitZeroBalances"));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("makerCommission", 10).put("takerCommission", 10).put("buyerCommission", 0).put("sellerCommission", 0);
        answer.putObject("commissionRates").put("maker", "0.00100000").put("taker", "0.00100000").put("buyer", "0.00000000")
                .put("seller", "0.00000000");
        answer.put("canTrade", true).put("canWithdraw", withdrawalsEnabled).put("canDeposit", true).put("brokered", false)
                .put("requireSelfTradePrevention", false).put("preventSor", false).put("updateTime", System.currentTimeMillis())
                .put("accountType", "SPOT");
        ArrayNode list = answer.putArray("balances");
        synchronized (this) {
            java.util.Set<String> assets = new java.util.TreeSet<>(balances.keySet());
            assets.addAll(locked.keySet());
            for (String asset : assets) {
                BigDecimal free = balance(asset);
                BigDecimal lockedHere = locked.getOrDefault(asset, BigDecimal.ZERO);
                // omitZeroBalances=true : un actif vendu jusqu'au dernier satoshi disparaît de la liste
                if (omitZero && free.signum() == 0 && lockedHere.signum() == 0) {
                    continue;
                }
                list.addObject().put("asset", asset).put("free", plain(free)).put("locked", plain(lockedHere));
            }
        }
        answer.putArray("permissions").add("SPOT");
        answer.put("uid", 354937868);
        FakeBinance.send(exchange, 200, answer.toString());
    }

    /** GET /sapi/v1/account/apiRestrictions, signé, avec les champs du vrai. */
    private void apiRestrictions(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            FakeBinance.send(exchange, 405, "{\"code\":-1000,\"msg\":\"Method not allowed.\"}");
            return;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("ipRestrict", false).put("createTime", 1_700_000_000_000L).put("enableReading", true)
                .put("enableSpotAndMarginTrading", true).put("enableWithdrawals", withdrawalsEnabled)
                .put("enableInternalTransfer", false).put("enableMargin", false).put("enableFutures", false)
                .put("permitsUniversalTransfer", false).put("enableVanillaOptions", false)
                .put("enablePortfolioMarginTrading", false);
        FakeBinance.send(exchange, 200, answer.toString());
    }

    private void myTrades(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (failLookups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            FakeBinance.send(exchange, lookupFailStatus, lookupFailure);
            return;
        }
        if (!FakeBinance.FILTERS.containsKey(params.get("symbol"))) {
            FakeBinance.send(exchange, 400, SpotRequestRules.error(-1121, "Invalid symbol."));
            return;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Order o : orders) {
            boolean ofOrder = !params.containsKey("orderId") || String.valueOf(o.orderId()).equals(params.get("orderId"));
            if (ofOrder && o.symbol().equals(params.get("symbol")) && o.executedQty().signum() > 0) {
                trade(list.addObject(), o);
            }
        }
        FakeBinance.send(exchange, 200, list.toString());
    }

    private void order(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            lookUp(exchange, params);
            return;
        }
        orderCallTimes.add(System.currentTimeMillis());
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
            FakeBinance.send(exchange, rateLimitStatus, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 50 orders per 10 SECOND.\"}");
            return;
        }
        if ((refusalSymbol == null || refusalSymbol.equals(params.get("symbol"))) && refuseNext.getAndSet(0) > 0) {
            FakeBinance.send(exchange, 400, refusal);
            return;
        }
        String malformed = SpotRequestRules.orderRefusal(params, binance.allowedStpModes(params.get("symbol")));
        if (malformed != null) {
            refusals.add(malformed);
            refusedOrders.add(malformed + " for " + params);
            FakeBinance.send(exchange, 400, malformed);
            return;
        }
        if (lateRegistration.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Thread late = new Thread(() -> {
                sleep(lateRegistrationMs);
                if (inWindow(params)) {
                    fill(params);
                }
                lateRegistrationsDone.incrementAndGet();
            });
            late.setDaemon(true);
            late.start();
            throw new IOException("connection dropped; the engine registers the order later");
        }
        if (dropBeforeFill.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("connection dropped before the order");
        }
        if (params.get("symbol").equals(laterSymbol)) {
            laterSymbol = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (orders.size() < laterUntilOrders && System.currentTimeMillis() < deadline) {
                sleep(5);
            }
        }
        if (slow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            sleep(slowMs);
            if (!inWindow(params)) {
                // comme Binance : une requête qui arrive au moteur après son recvWindow n'est pas exécutée
                FakeBinance.send(exchange, 400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
                return;
            }
        }
        Object result = fillInDrawnOrder(params);
        if (result instanceof String error) {
            refusals.add(error);
            refusedOrders.add(error + " for " + params.get("side") + " " + params.get("symbol") + " quantity="
                    + params.get("quantity") + " quoteOrderQty=" + params.get("quoteOrderQty") + " client id "
                    + params.get("newClientOrderId") + "; free " + balances + ", locked " + locked + ", earn " + earn);
            FakeBinance.send(exchange, 400, error);
            return;
        }
        Order order = (Order) result;
        Runnable hook = beforeNextAnswer.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        if (holdOrderNumber == orders.size()) {
            awaitRelease();
            throw new IOException("held order answer released");
        }
        if (failAfterFill.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            FakeBinance.send(exchange, failStatus, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. "
                    + "Send status unknown; execution status unknown.\"}");
            return;
        }
        if (dropAfterFill.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("connection dropped after the order");
        }
        FakeBinance.send(exchange, 200, placedJson(order, params.get("newOrderRespType")).toString());
    }

    /**
     * GET /api/v3/order : par orderId ou par origClientOrderId (les deux : l'orderId d'abord, puis le
     * client order id vérifié sur cet ordre, comme Binance depuis 2025), -2013 s'il n'existe pas.
     */
    private void lookUp(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (failLookups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            FakeBinance.send(exchange, lookupFailStatus, lookupFailure);
            return;
        }
        if (!FakeBinance.FILTERS.containsKey(params.get("symbol"))) {
            FakeBinance.send(exchange, 400, SpotRequestRules.error(-1121, "Invalid symbol."));
            return;
        }
        String orderId = params.get("orderId");
        String clientId = params.get("origClientOrderId");
        for (int i = orders.size() - 1; i >= 0; i--) {
            Order o = orders.get(i);
            boolean match = orderId != null ? String.valueOf(o.orderId()).equals(orderId) : o.clientOrderId().equals(clientId);
            if (match && o.symbol().equals(params.get("symbol"))) {
                if (orderId != null && clientId != null && !o.clientOrderId().equals(clientId)) {
                    FakeBinance.send(exchange, 400, SpotRequestRules.error(-2039, "Client order ID is not correct for this order ID."));
                    return;
                }
                FakeBinance.send(exchange, 200, orderJson(o).toString());
                return;
            }
        }
        FakeBinance.send(exchange, 400, SpotRequestRules.error(-2013, "Order does not exist."));
    }

    /** L'ordre attend les autres ordres de sa vague, puis son tour dans l'ordre tiré (sans tirage : tout de suite). */
    private Object fillInDrawnOrder(Map<String, String> params) {
        Long seed = waveSeed;
        if (seed == null) {
            return fill(params);
        }
        Batch batch;
        synchronized (engine) {
            if (arriving == null) {
                arriving = new Batch(System.currentTimeMillis() + waveWindowMs);
            }
            batch = arriving;
            int me = batch.size++;
            batch.keys.add(params.get("symbol") + " " + params.get("side"));
            try {
                while (batch.order == null) {
                    long left = batch.closesAt - System.currentTimeMillis();
                    if (left > 0) {
                        engine.wait(left);
                        continue;
                    }
                    batch.order = drawnOrder(batch.keys, seed);
                    if (!batch.order.equals(batch.order.stream().sorted().toList())) {
                        wavesReordered.incrementAndGet();
                    }
                    arriving = null;
                    engine.notifyAll();
                }
                while (batch.order.get(batch.turn) != me) {
                    engine.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return fill(params);
        } finally {
            synchronized (engine) {
                batch.turn++;
                engine.notifyAll();
            }
        }
    }

    /** Les rangs d'arrivée dans l'ordre d'exécution : rangés par paire et sens, puis mélangés par la graine et la vague. */
    private static List<Integer> drawnOrder(List<String> keys, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(keys::get));
        List<String> wave = order.stream().map(keys::get).toList();
        Collections.shuffle(order, new Random(seed * 31 + wave.hashCode()));
        return order;
    }

    /** Exécute l'ordre au prix courant, ou rend l'erreur JSON que Binance rendrait. */
    private synchronized Object fill(Map<String, String> p) {
        String symbol = p.get("symbol");
        FakeBinance.SymbolFilters f = FakeBinance.FILTERS.get(symbol);
        String clientId = p.getOrDefault("newClientOrderId", "x-" + (nextOrderId.get() + 1));
        BigDecimal price = binance.price(symbol);
        BigDecimal step = new BigDecimal(f.stepSize());
        String base = symbol.substring(0, symbol.length() - 4);
        BigDecimal qty;
        if (p.containsKey("quoteOrderQty")) {
            // au montant : la quantité que ce montant paie (achat) ou rapporte (vente), au pas près
            BigDecimal quote = new BigDecimal(p.get("quoteOrderQty"));
            if (quote.stripTrailingZeros().scale() > 8) {
                return SpotRequestRules.error(-1111, "Parameter 'quoteOrderQty' has too much precision.");
            }
            qty = quote.divide(price, 20, RoundingMode.DOWN).divide(step, 0, RoundingMode.DOWN).multiply(step);
        } else {
            qty = new BigDecimal(p.get("quantity"));
            if (qty.stripTrailingZeros().scale() > 8) {
                return SpotRequestRules.error(-1111, "Parameter 'quantity' has too much precision.");
            }
            if (qty.remainder(step).signum() != 0) {
                return "{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}";
            }
        }
        if (qty.compareTo(new BigDecimal(f.minQty())) < 0) {
            return "{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}";
        }
        BigDecimal quoteQty = qty.multiply(price);
        if (quoteQty.compareTo(new BigDecimal(f.minNotional())) < 0) {
            return "{\"code\":-1013,\"msg\":\"Filter failure: NOTIONAL\"}";
        }
        BigDecimal origQty = qty;
        String stpMode = p.getOrDefault("selfTradePreventionMode", binance.defaultStpMode(symbol));
        String status = "FILLED";
        if (partialFills.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // liquidité insuffisante : une partie seulement, au pas près ; le reste expire
            qty = qty.multiply(partialFraction).divide(step, 0, RoundingMode.DOWN).multiply(step);
            quoteQty = qty.multiply(price);
            status = "EXPIRED";
        }
        boolean buy = "BUY".equals(p.get("side"));
        String paidAsset = buy ? "USDC" : base;
        if (balance(paidAsset).compareTo(buy ? quoteQty : qty) < 0) {
            return "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}";
        }
        BigDecimal commission = (buy ? qty : quoteQty).multiply(FEE).setScale(8, RoundingMode.UP);
        String commissionAsset = buy ? base : "USDC";
        BigDecimal inBnb = quoteQty.multiply(BNB_FEE).divide(binance.price("BNBUSDC"), 8, RoundingMode.UP);
        // comme Binance : sans assez de BNB libre, la commission est prise dans l'actif habituel ; une vente
        // de BNB la paie en USDC (la doublure ne sait pas la prendre sur le BNB qui part)
        boolean paidInBnb = commissionInBnb && (base.equals("BNB") ? buy : balance("BNB").compareTo(inBnb) >= 0);
        if (paidInBnb) {
            // 0,075 % du montant, en BNB au cours BNBUSDC, pris sur le solde BNB (sur le BNB acheté pour un achat de BNB)
            commission = inBnb;
            commissionAsset = "BNB";
            if (!base.equals("BNB")) {
                balances.merge("BNB", commission.negate(), BigDecimal::add);
            }
        }
        BigDecimal onBase = commissionAsset.equals(base) ? commission : BigDecimal.ZERO;
        BigDecimal onQuote = commissionAsset.equals("USDC") ? commission : BigDecimal.ZERO;
        if (buy) {
            balances.merge("USDC", quoteQty.negate(), BigDecimal::add);
            balances.merge(base, qty.subtract(onBase), BigDecimal::add);
        } else {
            balances.merge(base, qty.negate(), BigDecimal::add);
            balances.merge("USDC", quoteQty.subtract(onQuote), BigDecimal::add);
        }
        Order order = new Order(nextOrderId.incrementAndGet(), clientId, symbol, p.get("side"), qty, quoteQty, commission,
                commissionAsset, System.currentTimeMillis(), status, origQty, stpMode);
        if (paidInBnb && !base.equals("BNB")) {
            bnbPriceAtFill.put(order.orderId(), binance.price("BNBUSDC"));
        }
        orders.add(order);
        return order;
    }

    /** Un ordre tel que GET /api/v3/order et la réponse RESULT le montrent (tous les nombres en texte décimal). */
    private static ObjectNode orderJson(Order o) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("symbol", o.symbol()).put("orderId", o.orderId()).put("orderListId", -1).put("clientOrderId", o.clientOrderId())
                .put("transactTime", o.time()).put("price", "0.00000000").put("origQty", plain(o.origQty()))
                .put("executedQty", plain(o.executedQty())).put("origQuoteOrderQty", "0.00000000")
                .put("cummulativeQuoteQty", plain(o.quoteQty()))
                .put("status", o.status()).put("timeInForce", "GTC").put("type", "MARKET").put("side", o.side())
                .put("workingTime", o.time()).put("selfTradePreventionMode", o.selfTradePreventionMode());
        return json;
    }

    /** La réponse du POST selon newOrderRespType (MARKET : FULL par défaut, comme Binance). */
    private static ObjectNode placedJson(Order o, String respType) {
        if ("ACK".equals(respType)) {
            ObjectNode ack = Json.MAPPER.createObjectNode();
            ack.put("symbol", o.symbol()).put("orderId", o.orderId()).put("orderListId", -1)
                    .put("clientOrderId", o.clientOrderId()).put("transactTime", o.time());
            return ack;
        }
        ObjectNode answer = orderJson(o);
        if (!"RESULT".equals(respType)) {
            ArrayNode fills = answer.putArray("fills");
            if (o.executedQty().signum() > 0) {
                ObjectNode fill = fills.addObject();
                fill.put("price", averagePrice(o)).put("qty", plain(o.executedQty())).put("commission", plain(o.commission()))
                        .put("commissionAsset", o.commissionAsset()).put("tradeId", o.orderId() * 10);
            }
        }
        return answer;
    }

    private static String averagePrice(Order o) {
        return plain(o.executedQty().signum() == 0 ? BigDecimal.ZERO : o.quoteQty().divide(o.executedQty(), 8, RoundingMode.HALF_EVEN));
    }

    /** Une ligne de myTrades (rest-api.md « Account trade list »), les nombres en texte décimal. */
    private static void trade(ObjectNode t, Order o) {
        t.put("symbol", o.symbol()).put("id", o.orderId() * 10).put("orderId", o.orderId()).put("orderListId", -1)
                .put("price", averagePrice(o)).put("qty", plain(o.executedQty())).put("quoteQty", plain(o.quoteQty()))
                .put("commission", plain(o.commission())).put("commissionAsset", o.commissionAsset()).put("time", o.time())
                .put("isBuyer", o.side().equals("BUY")).put("isMaker", false).put("isBestMatch", true);
    }

    private static String plain(BigDecimal value) {
        return value.setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    }

    private void awaitRelease() {
        try {
            holdRelease.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
