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

    /**
     * Un ordre limite de l'utilisateur au carnet : un achat bloque {@code origQty × price} d'USDC, une
     * vente {@code origQty} de pièces. {@code metAfter} : la part d'un ordre au marché du suiveur, de
     * l'autre côté, exécutée contre d'autres avant de le rencontrer (0 : en tête du carnet) ; null : trop
     * loin du cours, jamais rencontré. Statuts : NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED_IN_MATCH.
     */
    public record UserOrder(long orderId, String symbol, String side, BigDecimal price, BigDecimal origQty,
                            BigDecimal executedQty, String status, BigDecimal metAfter) {

        /** Ce qui reste à exécuter (et reste bloqué) tant que l'ordre est ouvert. */
        public BigDecimal remaining() {
            return open() ? origQty.subtract(executedQty) : BigDecimal.ZERO;
        }

        public boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }

        /** L'actif bloqué : USDC pour un achat, la pièce pour une vente. */
        String lockedAsset() {
            return side.equals("BUY") ? "USDC" : symbol.substring(0, symbol.length() - 4);
        }

        BigDecimal locks(BigDecimal quantity) {
            return side.equals("BUY") ? quantity.multiply(price) : quantity;
        }

        UserOrder with(BigDecimal executed, String newStatus) {
            return new UserOrder(orderId, symbol, side, price, origQty, executed, newStatus, metAfter);
        }
    }

    private static final BigDecimal FEE = new BigDecimal("0.001");
    private static final BigDecimal BNB_FEE = new BigDecimal("0.00075");

    private final FakeBinance binance;
    private final String apiKey;
    private final byte[] secret;
    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> locked = new ConcurrentHashMap<>();
    // ce que bloquent les ordres limites de l'utilisateur au carnet (userOrders), à part des blocages génériques
    private final Map<String, BigDecimal> orderLocked = new ConcurrentHashMap<>();
    private final List<UserOrder> userOrders = new CopyOnWriteArrayList<>();
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
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onNextAccountRead = new java.util.concurrent.atomic.AtomicReference<>();
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
        return balance(asset).add(lockedTotal(asset));
    }

    /** Libre + bloqué + en Earn : tout ce que l'utilisateur possède de cet actif chez Binance. */
    public synchronized BigDecimal owned(String asset) {
        return held(asset).add(earn.getOrDefault(asset, BigDecimal.ZERO));
    }

    /** Bloqué : par {@link #lock} et par les ordres de l'utilisateur au carnet ({@link #placeUserOrder}). */
    public BigDecimal lockedTotal(String asset) {
        return locked.getOrDefault(asset, BigDecimal.ZERO).add(orderLocked.getOrDefault(asset, BigDecimal.ZERO));
    }

    /**
     * L'utilisateur pose un ordre limite : un achat bloque {@code quantity × price} de son USDC libre, une
     * vente {@code quantity} de pièces libres. {@code metAfter} (null : jamais rencontré) : la part d'un
     * ordre au marché du suiveur de l'autre côté exécutée avant de le rencontrer ; le mode STP de l'ordre
     * du suiveur (ou celui de la paire par défaut) décide alors : EXPIRE_MAKER annule celui-ci
     * (EXPIRED_IN_MATCH, ses fonds libérés), EXPIRE_TAKER fait expirer l'ordre du suiveur (EXPIRED_IN_MATCH,
     * avec ce qui s'est exécuté avant), EXPIRE_BOTH les deux, NONE les laisse s'échanger (l'utilisateur
     * trade avec lui-même), DECREMENT fait expirer le plus petit des deux. Rend l'orderId.
     */
    public synchronized long placeUserOrder(String symbol, String side, String quantity, String price, String metAfter) {
        UserOrder order = new UserOrder(nextOrderId.incrementAndGet(), symbol, side, new BigDecimal(price),
                new BigDecimal(quantity), BigDecimal.ZERO, "NEW", metAfter == null ? null : new BigDecimal(metAfter));
        BigDecimal amount = order.locks(order.origQty());
        if (balance(order.lockedAsset()).compareTo(amount) < 0) {
            throw new IllegalArgumentException("the user's order needs " + amount + " " + order.lockedAsset() + " free");
        }
        balances.merge(order.lockedAsset(), amount.negate(), BigDecimal::add);
        orderLocked.merge(order.lockedAsset(), amount, BigDecimal::add);
        userOrders.add(order);
        return order.orderId();
    }

    /** L'utilisateur annule son ordre : ce qu'il bloquait encore redevient libre. */
    public synchronized void cancelUserOrder(long orderId) {
        for (UserOrder order : userOrders) {
            if (order.orderId() == orderId && order.open()) {
                closeUserOrder(order, order.executedQty(), "CANCELED");
            }
        }
    }

    /** Tous les ordres ouverts de l'utilisateur annulés. */
    public synchronized void cancelUserOrders() {
        for (UserOrder order : userOrders) {
            if (order.open()) {
                closeUserOrder(order, order.executedQty(), "CANCELED");
            }
        }
    }

    /** Les ordres de l'utilisateur, tels qu'ils sont maintenant (un ordre expiré par STP : EXPIRED_IN_MATCH). */
    public List<UserOrder> userOrders() {
        return List.copyOf(userOrders);
    }

    /** L'ordre fermé (annulé, expiré) : ce qu'il bloquait encore redevient libre. */
    private void closeUserOrder(UserOrder order, BigDecimal executed, String status) {
        BigDecimal stillLocked = order.locks(order.origQty().subtract(order.executedQty()));
        orderLocked.merge(order.lockedAsset(), stillLocked.negate(), BigDecimal::add);
        balances.merge(order.lockedAsset(), stillLocked, BigDecimal::add);
        userOrders.set(userOrders.indexOf(order), order.with(executed, status));
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

    /**
     * Une action (l'utilisateur met l'agent en pause…) jouée une fois, pendant la prochaine lecture du compte,
     * avant sa réponse : entre la réponse du leader et la première vague d'un signal.
     */
    public void onNextAccountRead(Runnable action) {
        onNextAccountRead.set(action);
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
        Runnable hook = onNextAccountRead.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
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
            assets.addAll(orderLocked.keySet());
            for (String asset : assets) {
                BigDecimal free = balance(asset);
                BigDecimal lockedHere = lockedTotal(asset);
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
        if (!binance.knows(params.get("symbol"))) {
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
        String malformed = SpotRequestRules.orderRefusal(params, binance);
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
                    + params.get("newClientOrderId") + "; free " + balances + ", locked " + locked + ", by the user's orders " + orderLocked + ", earn " + earn);
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
        if (!binance.knows(params.get("symbol"))) {
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
        UserOrder maker = metBy(symbol, buy);
        if (maker != null) {
            SelfTrade met = selfTrade(maker, stpMode, qty, price, step);
            qty = met.executed();
            quoteQty = met.quoteQty();
            if (met.status() != null) {
                status = met.status();
            }
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

    /** Ce que la rencontre avec un ordre de l'utilisateur laisse à l'ordre du suiveur : exécuté, montant, statut (null : inchangé). */
    private record SelfTrade(BigDecimal executed, BigDecimal quoteQty, String status) {
    }

    /** L'ordre ouvert de l'utilisateur, de l'autre côté, que cet ordre au marché rencontre le premier (null : aucun). */
    private UserOrder metBy(String symbol, boolean followerBuys) {
        UserOrder first = null;
        for (UserOrder order : userOrders) {
            if (order.open() && order.symbol().equals(symbol) && order.side().equals(followerBuys ? "SELL" : "BUY")
                    && order.metAfter() != null && (first == null || order.metAfter().compareTo(first.metAfter()) < 0)) {
                first = order;
            }
        }
        return first;
    }

    /**
     * L'ordre du suiveur ({@code qty} au cours {@code price}) rencontre {@code maker}, un ordre de
     * l'utilisateur, après en avoir exécuté la part {@code metAfter} contre d'autres : le mode STP de
     * l'ordre du suiveur décide (faqs/stp_faq.md ; « le mode de l'ordre preneur seul compte »).
     */
    private SelfTrade selfTrade(UserOrder maker, String mode, BigDecimal qty, BigDecimal price, BigDecimal step) {
        BigDecimal before = qty.multiply(maker.metAfter()).divide(step, 0, RoundingMode.DOWN).multiply(step).min(qty);
        BigDecimal rest = qty.subtract(before);
        BigDecimal makerLeft = maker.origQty().subtract(maker.executedQty());
        switch (mode) {
            case "NONE" -> {
                // l'utilisateur trade avec lui-même : la part rencontrée s'exécute au prix de son ordre
                BigDecimal matched = rest.min(makerLeft);
                fillUserOrder(maker, matched);
                return new SelfTrade(qty, qty.subtract(matched).multiply(price).add(matched.multiply(maker.price())), null);
            }
            case "EXPIRE_MAKER" -> {
                closeUserOrder(maker, maker.executedQty(), "EXPIRED_IN_MATCH");
                return new SelfTrade(qty, qty.multiply(price), null);
            }
            case "EXPIRE_BOTH" -> {
                closeUserOrder(maker, maker.executedQty(), "EXPIRED_IN_MATCH");
                return new SelfTrade(before, before.multiply(price), "EXPIRED_IN_MATCH");
            }
            case "DECREMENT" -> {
                // les deux perdent la quantité empêchée ; le plus petit expire (les deux s'ils sont égaux)
                BigDecimal prevented = rest.min(makerLeft);
                if (prevented.compareTo(makerLeft) == 0) {
                    closeUserOrder(maker, maker.executedQty(), "EXPIRED_IN_MATCH");
                } else {
                    BigDecimal freed = maker.locks(prevented);
                    orderLocked.merge(maker.lockedAsset(), freed.negate(), BigDecimal::add);
                    balances.merge(maker.lockedAsset(), freed, BigDecimal::add);
                    userOrders.set(userOrders.indexOf(maker), new UserOrder(maker.orderId(), maker.symbol(), maker.side(),
                            maker.price(), maker.origQty().subtract(prevented), maker.executedQty(), maker.status(), maker.metAfter()));
                }
                BigDecimal executed = qty.subtract(prevented);
                return new SelfTrade(executed, executed.multiply(price), prevented.compareTo(rest) == 0 ? "EXPIRED_IN_MATCH" : null);
            }
            default -> {
                // EXPIRE_TAKER : l'ordre du suiveur expire là, avec ce qui s'est exécuté avant ; celui de l'utilisateur reste
                return new SelfTrade(before, before.multiply(price), "EXPIRED_IN_MATCH");
            }
        }
    }

    /** L'ordre de l'utilisateur exécuté de {@code matched} (mode NONE) : ses fonds bloqués paient, il reçoit l'autre actif. */
    private void fillUserOrder(UserOrder maker, BigDecimal matched) {
        if (matched.signum() <= 0) {
            return;
        }
        String base = maker.symbol().substring(0, maker.symbol().length() - 4);
        orderLocked.merge(maker.lockedAsset(), maker.locks(matched).negate(), BigDecimal::add);
        if (maker.side().equals("BUY")) {
            balances.merge(base, matched.subtract(matched.multiply(FEE).setScale(8, RoundingMode.UP)), BigDecimal::add);
        } else {
            BigDecimal quote = matched.multiply(maker.price());
            balances.merge("USDC", quote.subtract(quote.multiply(FEE).setScale(8, RoundingMode.UP)), BigDecimal::add);
        }
        BigDecimal executed = maker.executedQty().add(matched);
        userOrders.set(userOrders.indexOf(maker), maker.with(executed,
                executed.compareTo(maker.origQty()) == 0 ? "FILLED" : "PARTIALLY_FILLED"));
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
        if (o.status().equals("EXPIRED_IN_MATCH")) {
            // rest-api.md « Conditional fields » : présents seulement pour un ordre expiré par STP
            json.put("preventedMatchId", o.orderId()).put("preventedQuantity", plain(o.origQty().subtract(o.executedQty())));
        }
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
