package com.calvalot.soak;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;

/**
 * Un soak d'argent : une graine, des pas tirés au hasard (signaux v1/v2, doublons, signaux hostiles
 * ou en retard, mouvements de prix, pannes de la bourse et du leader, réponses perdues ou tardives,
 * 429/418, 5xx, exécutions partielles, commissions en BNB, pièces bloquées ou parties en Earn,
 * dépôts et retraits de l'utilisateur, lectures du tableau de bord pendant les ordres, pauses,
 * kill -9), et les invariants vérifiés après chaque pas puis une fois tout résolu.
 * Le tirage ne dépend que de la graine : les mêmes graine et nombre de pas rejouent les mêmes
 * événements (leurs effets dépendent encore de l'ordonnancement, que le soak ne fige pas).
 */
final class MoneySoak {

    enum Kind {
        SIGNAL_V1(20), SIGNAL_V2(13), DUPLICATE(5), HOSTILE(3), PRICE_MOVE(10), FAULT(16), BNB_COMMISSION(2),
        USER_LOCK(4), USER_UNLOCK(3), EARN_OUT(3), EARN_BACK(3), USER_TRANSFER(5), API_DEPOSIT(2),
        DASHBOARD_DURING_ORDERS(4), PAUSE_TOGGLE(3), POLL(3), LEADER_OUTAGE(3), EXCHANGE_OUTAGE(3), KILL9(4);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** L'issue d'un soak : ses chiffres, sa violation (null : aucune), la commande qui la rejoue. */
    record Result(long seed, String sizing, SoakFigures figures, SoakViolation violation, String where, String replay) {
    }

    private static final List<String> FAULTS = List.of("lost_answer", "late_registration", "dropped_before_order",
            "rate_limit_429", "ban_418", "server_error_after_fill", "partial_fill", "lookups_failing", "slow_answer");
    private static final List<String> ASSETS = List.of("BTC", "ETH", "BNB", "SOL", "XRP", "USDC");
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Un pas sur trente en moyenne finit sur un disque plein (quand le soak peut monter son petit disque). */
    private static final int DISK_FULL_ONE_IN = 30;

    private final long seed;
    private final int steps;
    private final String sizing;
    private Random random;
    /** Le tirage des événements ajoutés après coup : le flux principal des anciennes graines n'en bouge pas. */
    private final Random later;
    private final boolean laterEvents;
    /** Le tirage du disque plein, à part lui aussi : ni le flux principal ni le second n'en bougent. */
    private final Random diskEvents;
    /** Les ordres d'une vague partent ensemble : arrivés à moins de 20 ms, ils sont exécutés dans un ordre tiré. */
    private static final long WAVE_WINDOW_MS = 20;
    private final boolean diskFullEvents;
    private final SoakWorld world;
    private final SoakFigures figures = new SoakFigures();
    private final MoneyInvariants invariants;
    private final List<String> log = new ArrayList<>();
    private final Map<String, String> published = new LinkedHashMap<>();
    private int signalNumber;
    private boolean paused;
    private int ordersAtPause;

    private MoneySoak(long seed, int steps, boolean budget, Path dir, boolean laterEvents, boolean diskFull) {
        this.seed = seed;
        this.steps = steps;
        this.sizing = budget ? "budget" : "wallet";
        this.random = new Random(seed);
        this.later = new Random(seed * 31 + 7);
        this.laterEvents = laterEvents;
        this.diskEvents = new Random(seed * 131 + 17);
        this.diskFullEvents = diskFull;
        this.world = new SoakWorld(dir, budget, diskFull);
        // l'ordre dans lequel la bourse exécute une vague : son propre flux (F6 venait de la course des fils)
        world.account.executeWavesInDrawnOrder(seed * 173 + 29, WAVE_WINDOW_MS);
        this.invariants = new MoneyInvariants(world, figures);
    }

    /** Un soak complet dans {@code dir} : démarrage, {@code steps} pas, drain, vérifications finales. */
    static Result run(long seed, int steps, boolean budget, Path dir) {
        return run(seed, steps, budget, dir, true, true);
    }

    /**
     * Idem, sans disque plein (F1 à F4 ont été trouvées avant lui) ; {@code laterEvents} false : sans
     * l'ordre non résolu ajouté après coup non plus (second flux), tel que le soak tournait quand F1 et
     * F2 ont été trouvées.
     */
    static Result run(long seed, int steps, boolean budget, Path dir, boolean laterEvents) {
        return run(seed, steps, budget, dir, laterEvents, false);
    }

    static Result run(long seed, int steps, boolean budget, Path dir, boolean laterEvents, boolean diskFull) {
        MoneySoak soak = new MoneySoak(seed, steps, budget, dir, laterEvents, diskFull);
        try (SoakWorld world = soak.world) {
            return soak.run();
        }
    }

    /** La commande qui rejoue ce soak jusqu'au pas {@code step}. */
    static String replay(long seed, int step, String sizing) {
        return "mvn -B -q test -Dtest=MoneySoakTest#replay -Dsoak.seed=" + seed + " -Dsoak.steps=" + step + " -Dsoak.sizing=" + sizing;
    }

    private Result run() {
        long start = System.currentTimeMillis();
        figures.runs = 1;
        int step = 0;
        String event = "start";
        try {
            world.follower.start();
            for (step = 1; step <= steps; step++) {
                Kind kind = draw();
                event = kind.name();
                figures.event(event);
                event = apply(kind);
                if (later.nextInt(20) == 0 && laterEvents) {
                    event += "+" + reservedMoney();
                }
                if (diskFullEvents && diskEvents.nextInt(DISK_FULL_ONE_IN) == 0) {
                    event += "+" + diskFull();
                }
                log.add(step + ":" + event);
                invariants.afterStep();
                if (paused) {
                    invariants.check(world.account.orders().size() == ordersAtPause, MoneyInvariants.PAUSE,
                            "orders were placed while the agent was paused: " + world.account.orders().subList(ordersAtPause,
                                    world.account.orders().size()));
                }
                figures.steps++;
            }
            step = steps + 1;
            event = "drain";
            drain();
            invariants.atEnd();
            int full = figures.faults.getOrDefault("disk_full", 0);
            // le disque plein doit mordre : au moins une écriture refusée, sinon l'événement ne prouve rien
            invariants.check(full == 0 || figures.faults.getOrDefault("disk_full_refused_a_write", 0) > 0,
                    MoneyInvariants.HEALTH, full + " full-disk events, and the follower never saw a write refused");
            return done(start, null, step, event);
        } catch (SoakViolation violation) {
            return done(start, violation, step, event);
        }
    }

    private Result done(long start, SoakViolation violation, int step, String event) {
        figures.millis = System.currentTimeMillis() - start;
        figures.orders = world.account.orders().size();
        int reordered = world.account.wavesExecutedOutOfOrder();
        if (reordered > 0) {
            figures.faults.put("wave_executed_out_of_order", reordered);
        }
        String where = null;
        String replay = null;
        if (violation != null) {
            int replaySteps = Math.min(step, steps);
            where = "seed=" + seed + " sizing=" + sizing + " step=" + step + " event=" + event;
            replay = replay(seed, replaySteps, sizing) + (laterEvents ? "" : " -Dsoak.later=false")
                    + (diskFullEvents ? "" : " -Dsoak.disk=false");
            figures.violations.add(where + " " + violation.getMessage());
            System.out.println("SOAK VIOLATION " + where + "\n  " + violation.getMessage() + "\n  replay: " + replay
                    + "\n  last events: " + log.subList(Math.max(0, log.size() - 25), log.size())
                    + "\n  follower logs:\n" + world.follower.logTail());
        }
        return new Result(seed, sizing, figures, violation, where, replay);
    }

    private Kind draw() {
        int total = 0;
        for (Kind k : Kind.values()) {
            total += k.weight;
        }
        int pick = random.nextInt(total);
        for (Kind k : Kind.values()) {
            pick -= k.weight;
            if (pick < 0) {
                return k;
            }
        }
        throw new IllegalStateException();
    }

    private String apply(Kind kind) {
        return switch (kind) {
            case SIGNAL_V1 -> signal(v1(nextId()), "v1");
            case SIGNAL_V2 -> signal(v2(nextId()), "v2");
            case DUPLICATE -> duplicate();
            case HOSTILE -> hostile();
            case PRICE_MOVE -> priceMove();
            case FAULT -> fault();
            case BNB_COMMISSION -> bnbCommission();
            case USER_LOCK -> userLock();
            case USER_UNLOCK -> userUnlock();
            case EARN_OUT -> earnOut();
            case EARN_BACK -> earnBack();
            case USER_TRANSFER -> userTransfer();
            case API_DEPOSIT -> apiDeposit();
            case DASHBOARD_DURING_ORDERS -> dashboardDuringOrders();
            case PAUSE_TOGGLE -> pauseToggle();
            case POLL -> poll("poll");
            case LEADER_OUTAGE -> leaderOutage();
            case EXCHANGE_OUTAGE -> exchangeOutage();
            case KILL9 -> kill9();
        };
    }

    // --- les signaux ---

    private String nextId() {
        return "s" + seed + "-" + sizing.charAt(0) + "-" + (++signalNumber);
    }

    private String v1(String id) {
        StringBuilder actions = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String pair = pair();
            int side = random.nextInt(20);
            String action = side < 9 ? "BUY" : side < 18 ? "SELL" : "HOLD";
            actions.append(i == 0 ? "" : ",").append("{\"coin\":\"").append(pair).append("\",\"action\":\"").append(action)
                    .append("\",\"pct_of_capital\":").append(BigDecimal.valueOf(2 + random.nextInt(34), 2)).append('}');
        }
        String state = random.nextInt(10) == 0 ? ",\"portfolio_state\":{\"positions\":" + positions() + "}" : "";
        return "{\"signal_id\":\"" + id + "\",\"version\":1,\"confidence\":0.6,\"reasoning\":\"soak\",\"actions\":["
                + actions + "]" + state + "}";
    }

    private String v2(String id) {
        return "{\"signal_id\":\"" + id + "\",\"version\":2,\"confidence\":0.7,\"reasoning\":\"soak\",\"actions\":[],"
                + "\"portfolio_state\":{\"positions\":" + positions() + "}}";
    }

    /** 0 à 4 paires, leurs parts tirées puis ramenées à un total entre 30 et 95 %. */
    private String positions() {
        List<String> pairs = new ArrayList<>(SoakWorld.PAIRS);
        java.util.Collections.shuffle(pairs, random);
        int count = random.nextInt(5);
        int[] weights = new int[count];
        int sum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = 1 + random.nextInt(10);
            sum += weights[i];
        }
        int totalPct = 30 + random.nextInt(66);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            BigDecimal pct = BigDecimal.valueOf((long) totalPct * weights[i] * 10 / sum, 3);
            json.append(i == 0 ? "" : ",").append("{\"coin\":\"").append(pairs.get(i)).append("\",\"pct_of_portfolio\":")
                    .append(pct.toPlainString()).append('}');
        }
        return json.append(']').toString();
    }

    private String pair() {
        return SoakWorld.PAIRS.get(random.nextInt(SoakWorld.PAIRS.size()));
    }

    private String signal(String json, String kind) {
        figures.signal(kind);
        String id = idOf(json);
        published.put(id, json);
        world.leader.publish(json);
        pollNow();
        settle();
        return kind + "(" + id + ")";
    }

    private static String idOf(String json) {
        int at = json.indexOf("\"signal_id\":\"") + 13;
        return json.substring(at, json.indexOf('"', at));
    }

    /** Un signal déjà copié revient (tel quel, ou son id avec d'autres actions) : rien ne repart. */
    private String duplicate() {
        List<String> done = world.db.signals().stream().filter(s -> published.containsKey(s.signalId()))
                .filter(s -> !s.status().equals("received") && !s.status().equals("executing"))
                .map(SoakDb.SignalRow::signalId).toList();
        if (done.isEmpty()) {
            return poll("duplicate-none");
        }
        String id = done.get(random.nextInt(done.size()));
        boolean altered = random.nextBoolean();
        String json = altered ? v1(id) : published.get(id);
        figures.signal("duplicate");
        int before = world.account.orders().size();
        world.leader.publish(json);
        pollNow();
        List<FakeSpotAccount.Order> after = world.account.orders();
        invariants.check(after.size() == before || !paused && pendingSignals(), MoneyInvariants.NO_COPY,
                "the duplicate of " + id + " placed orders " + after.subList(before, after.size()));
        return "duplicate(" + id + (altered ? ",altered" : "") + ")";
    }

    private boolean pendingSignals() {
        return world.db.signals().stream().anyMatch(s -> s.status().equals("executing") || s.status().equals("received"));
    }

    /** Un signal hostile (nombres démesurés, paire inconnue, parts impossibles) : rejeté, rien ne part. */
    private String hostile() {
        String id = nextId();
        String[] bodies = {
            "{\"signal_id\":\"" + id + "\",\"version\":1,\"actions\":[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":1E+999999999}]}",
            "{\"signal_id\":\"" + id + "\",\"version\":1e-100000000,\"actions\":[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.1}]}",
            "{\"signal_id\":\"" + id + "\",\"version\":1,\"actions\":[{\"coin\":\"ETHUSDC\",\"action\":\"SELL\",\"pct_of_capital\":-0.2}]}",
            "{\"signal_id\":\"" + id + "\",\"version\":1,\"actions\":[{\"coin\":\"DOGEUSDC\",\"action\":\"BUY\",\"pct_of_capital\":0.2}]}",
            "{\"signal_id\":\"" + id + "\",\"version\":2,\"actions\":[],\"portfolio_state\":{\"positions\":[{\"coin\":\"BTCUSDC\","
                + "\"pct_of_portfolio\":0.9},{\"coin\":\"ETHUSDC\",\"pct_of_portfolio\":0.5}]}}",
            "{\"signal_id\":\"" + id + "\",\"version\":1,\"actions\":[{\"coin\":\"SOLUSDC\",\"action\":\"SHORT\",\"pct_of_capital\":0.2}]}",
        };
        int variant = random.nextInt(bodies.length);
        figures.signal("hostile");
        if (!paused) {
            // en pause le leader n'est pas interrogé : ce signal ne sera jamais lu
            world.hostileIds.add(id);
        }
        int before = world.account.orders().size();
        world.leader.publish(bodies[variant]);
        pollNow();
        invariants.check(world.account.orders().size() == before || pendingSignals(), MoneyInvariants.NO_COPY,
                "hostile signal " + id + " (variant " + variant + ") placed orders");
        return "hostile(" + id + ",variant " + variant + ")";
    }

    // --- le marché et les pannes ---

    private String priceMove() {
        StringBuilder moved = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String pair = pair();
            BigDecimal factor = BigDecimal.valueOf(900 + random.nextInt(201), 3);
            BigDecimal initial = world.initialPrices.get(pair);
            BigDecimal price = world.binance.price(pair).multiply(factor).max(initial.divide(BigDecimal.valueOf(2)))
                    .min(initial.multiply(BigDecimal.valueOf(2))).setScale(scaleOf(pair), RoundingMode.HALF_EVEN);
            world.setPrice(pair, price);
            moved.append(i == 0 ? "" : ",").append(pair).append('x').append(factor);
        }
        return "price(" + moved + ")";
    }

    private static int scaleOf(String pair) {
        return pair.equals("XRPUSDC") ? 4 : pair.equals("BNBUSDC") ? 1 : 2;
    }

    /** Une panne armée pour les prochains ordres (le prochain signal la rencontre). */
    private String fault() {
        String kind = FAULTS.get(random.nextInt(FAULTS.size()));
        int count = 1 + random.nextInt(2);
        FakeSpotAccount account = world.account;
        switch (kind) {
            case "lost_answer" -> account.dropAfterFillNextOrders(count);
            case "late_registration" -> account.registerLateNextOrders(count, 200 + random.nextInt(600));
            case "dropped_before_order" -> account.dropBeforeFillNextOrders(count);
            case "rate_limit_429" -> account.rateLimitNextOrders(count, 1 + random.nextInt(2), 429);
            case "ban_418" -> account.rateLimitNextOrders(count, 1 + random.nextInt(2), 418);
            case "server_error_after_fill" -> account.failAfterFillNextOrders(count, List.of(500, 502, 503).get(random.nextInt(3)));
            case "partial_fill" -> account.partiallyFillNextOrders(count, "0." + (3 + random.nextInt(7)));
            case "lookups_failing" -> {
                account.failNextLookups(count + random.nextInt(3), 503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
                account.dropAfterFillNextOrders(1);
            }
            case "slow_answer" -> account.slowNextOrders(count, 100 + random.nextInt(600));
            default -> throw new IllegalStateException(kind);
        }
        figures.fault(kind);
        return "fault(" + kind + "x" + count + ")";
    }

    private String bnbCommission() {
        boolean on = random.nextBoolean();
        world.account.payCommissionInBnb(on);
        if (on) {
            figures.fault("bnb_commission");
        }
        return "bnb-commission(" + on + ")";
    }

    private String leaderOutage() {
        FakeLeader.Mode mode = List.of(FakeLeader.Mode.SERVER_ERROR, FakeLeader.Mode.DROP, FakeLeader.Mode.HTML,
                FakeLeader.Mode.GARBAGE, FakeLeader.Mode.NO_SIGNAL, FakeLeader.Mode.DISABLED).get(random.nextInt(6));
        figures.fault("leader_" + mode.name().toLowerCase());
        world.leader.answer(mode);
        int before = world.account.orders().size();
        pollNow();
        invariants.check(world.account.orders().size() == before || pendingSignals(), MoneyInvariants.NO_COPY,
                "a poll the leader answered " + mode + " placed orders");
        return "leader-outage(" + mode + ")";
    }

    /**
     * La bourse répond 5xx à tout pendant qu'un signal arrive ; courte, le signal attend et reprend ;
     * une fois sur quatre plus longue que SIGNAL_MAX_DELAY_SECONDS : le signal arrive en retard et
     * ses ordres non envoyés sont abandonnés.
     */
    private String exchangeOutage() {
        int status = List.of(500, 502, 503).get(random.nextInt(3));
        boolean late = random.nextInt(4) == 0;
        long outageMs = late ? world.maxDelaySeconds * 1000L + 2000 : 300 + random.nextInt(2500);
        String id = nextId();
        String json = random.nextBoolean() ? v1(id) : v2(id);
        figures.fault(late ? "exchange_outage_past_max_delay" : "exchange_outage");
        figures.signal(late ? "late" : "during_outage");
        published.put(id, json);
        world.binance.failWith(status);
        try {
            world.leader.publish(json);
            long until = System.currentTimeMillis() + outageMs;
            pollNow();
            // /health répond pendant la panne (c'est la bourse qui est muette, pas le suiveur)
            invariants.afterStep();
            Await.quietly(Duration.ofMillis(outageMs + 1000), () -> System.currentTimeMillis() >= until);
        } finally {
            world.binance.failWith(0);
        }
        settle();
        return "exchange-outage(" + status + "," + outageMs + "ms," + id + (late ? ",late" : "") + ")";
    }

    // --- l'utilisateur à côté ---

    private String asset() {
        return ASSETS.get(random.nextInt(ASSETS.size()));
    }

    private BigDecimal fraction() {
        return BigDecimal.valueOf(5 + random.nextInt(60), 2);
    }

    /** Un ordre limite de l'utilisateur bloque une part du libre (budget : pas plus que ce qui est à lui). */
    private String userLock() {
        String asset = asset();
        BigDecimal base = world.budgetSizing ? world.user.own(asset).min(world.account.balance(asset)) : world.account.balance(asset);
        BigDecimal amount = base.multiply(fraction()).setScale(8, RoundingMode.DOWN);
        if (random.nextInt(4) == 0) {
            // de temps en temps l'ordre de l'utilisateur bloque aussi les pièces du suiveur
            amount = world.account.balance(asset).multiply(fraction()).setScale(8, RoundingMode.DOWN);
        }
        world.account.lock(asset, amount.toPlainString());
        figures.fault("user_lock");
        return "lock(" + asset + "," + amount.toPlainString() + ")";
    }

    private String userUnlock() {
        String asset = asset();
        world.account.unlockAll(asset);
        return "unlock(" + asset + ")";
    }

    private String earnOut() {
        String asset = asset();
        BigDecimal amount = world.account.balance(asset).multiply(fraction()).setScale(8, RoundingMode.DOWN);
        world.account.moveToEarn(asset, amount.toPlainString());
        figures.fault("earn_out");
        return "earn-out(" + asset + "," + amount.toPlainString() + ")";
    }

    private String earnBack() {
        String asset = asset();
        world.account.backFromEarn(asset);
        return "earn-back(" + asset + ")";
    }

    /**
     * L'utilisateur dépose ou retire sur la bourse. Budget : il ne retire que ce qui est à lui (et libre) ;
     * portefeuille entier : tout est au suiveur, un retrait crée un manque.
     */
    private String userTransfer() {
        String asset = asset();
        boolean deposit = random.nextBoolean();
        BigDecimal amount;
        if (deposit) {
            BigDecimal price = asset.equals("USDC") ? BigDecimal.ONE : world.binance.price(asset + "USDC");
            amount = BigDecimal.valueOf(10 + random.nextInt(200)).divide(price, 8, RoundingMode.DOWN);
        } else {
            BigDecimal base = world.budgetSizing ? world.user.own(asset).min(world.account.balance(asset))
                    : world.account.balance(asset).multiply(new BigDecimal("0.3"));
            amount = base.multiply(fraction()).setScale(8, RoundingMode.DOWN).negate();
        }
        world.account.transfer(asset, amount.toPlainString());
        world.user.add(asset, amount);
        figures.fault(deposit ? "user_deposit" : "user_withdrawal");
        return "transfer(" + asset + "," + amount.toPlainString() + ")";
    }

    /** Un dépôt déclaré au tableau de bord, et l'USDC qui va avec versé sur la bourse. */
    private String apiDeposit() {
        BigDecimal eur = BigDecimal.valueOf(10 + random.nextInt(40));
        SoakFollower.Answer answer = world.follower.post("/api/budget/deposit", "{\"amount_eur\": " + eur + "}");
        invariants.check(answer.ok(), MoneyInvariants.HEALTH, "POST /api/budget/deposit answered " + answer.status() + " " + answer.body());
        BigDecimal usdc = eur.multiply(SoakWorld.EURUSDC);
        world.account.transfer("USDC", usdc.toPlainString());
        if (world.budgetSizing) {
            world.user.followerDeposit(usdc);
        } else {
            world.user.add("USDC", usdc);
        }
        figures.fault("api_deposit");
        return "api-deposit(" + eur + " EUR)";
    }

    /** Les ordres d'un signal ralentis ; le tableau de bord est lu sans arrêt pendant qu'ils partent. */
    private String dashboardDuringOrders() {
        world.account.slowNextOrders(1 + random.nextInt(3), 150 + random.nextInt(500));
        String id = nextId();
        String json = random.nextBoolean() ? v1(id) : v2(id);
        figures.signal("with_dashboard_reads");
        figures.fault("dashboard_reads_during_orders");
        published.put(id, json);
        world.leader.publish(json);
        CompletableFuture<SoakFollower.Answer> poll = world.follower.pollAsync();
        int reads = 0;
        List<String> paths = List.of("/api/budget", "/api/positions", "/api/agent/status", "/api/trades", "/api/budget/history", "/health");
        while (!poll.isDone()) {
            String path = paths.get(reads++ % paths.size());
            SoakFollower.Answer read = world.follower.get(path);
            invariants.check(read.ok(), MoneyInvariants.HEALTH, "GET " + path + " during orders answered " + read.status() + " " + read.body());
        }
        pollAnswered(poll.join());
        settle();
        return "dashboard-during-orders(" + id + "," + reads + " reads)";
    }

    private String pauseToggle() {
        SoakFollower.Answer answer = world.follower.post("/api/agent/toggle", null);
        invariants.check(answer.ok(), MoneyInvariants.HEALTH, "POST /api/agent/toggle answered " + answer.status() + " " + answer.body());
        paused = answer.body().contains("\"paused\"");
        if (paused) {
            // un ordre déjà parti au moment de la pause finit sa course ; rien de neuf ensuite
            Await.quietly(Duration.ofSeconds(5), () -> world.db.intents().stream().noneMatch(i -> i.status().equals("sending")));
            ordersAtPause = world.account.orders().size();
            figures.fault("manual_pause");
        }
        return paused ? "pause" : "resume";
    }

    private String poll(String what) {
        pollNow();
        settle();
        return what;
    }

    private void pollNow() {
        pollAnswered(world.follower.post("/api/agent/poll", null));
    }

    private void pollAnswered(SoakFollower.Answer answer) {
        // en pause (manuelle, ou disque plein), un poll manuel est refusé (409, api.md) : rien ne part
        boolean refusedWhilePaused = (paused || world.diskFull()) && answer.status() == 409;
        // disque plein : le poll qui rencontre le refus d'écriture répond une erreur JSON, jamais rien
        boolean diskError = world.diskFull() && answer.status() >= 500 && answer.body().startsWith("{\"error\"");
        invariants.check(answer.ok() || refusedWhilePaused || diskError, MoneyInvariants.HEALTH,
                "POST /api/agent/poll answered " + answer.status() + " " + answer.body());
    }

    /**
     * kill -9 à un moment tiré : pendant un signal (avant son premier ordre, après un ou deux) ou au
     * repos ; puis relance sur la même base, et la reprise finit ce qui doit l'être.
     */
    private String kill9() {
        String what;
        if (random.nextInt(4) == 0) {
            what = "idle";
        } else {
            String id = nextId();
            String json = random.nextBoolean() ? v1(id) : v2(id);
            figures.signal("killed_mid_signal");
            published.put(id, json);
            int before = world.account.orders().size();
            int after = random.nextInt(3);
            long extraMs = random.nextInt(60);
            world.leader.publish(json);
            CompletableFuture<SoakFollower.Answer> poll = world.follower.pollAsync();
            Await.quietly(Duration.ofSeconds(3), () -> world.account.orders().size() >= before + after || poll.isDone());
            sleep(extraMs);
            what = id + " after " + (world.account.orders().size() - before) + " orders";
        }
        world.follower.kill9();
        figures.restarts++;
        figures.fault("kill9");
        world.follower.start();
        if (paused) {
            ordersAtPause = world.account.orders().size();
        }
        settle();
        return "kill9(" + what + ")";
    }

    /**
     * Un ordre reste non résolu (sa réponse perdue, la bourse ne sait pas dire ce qu'il est devenu) quand
     * le signal suivant arrive : ce signal ne doit rien dimensionner sur l'argent que cet ordre a peut-être
     * dépensé ou reçu. Tiré du second flux ({@link #later}).
     */
    private String reservedMoney() {
        if (paused) {
            return "reserved-money(paused)";
        }
        Random main = random;
        random = later;
        try {
            String first = nextId();
            String firstJson = v1(first);
            String second = nextId();
            String secondJson = random.nextBoolean() ? v1(second) : v2(second);
            figures.fault("unresolved_order_then_new_signal");
            figures.signal("beside_unresolved_order");
            figures.signal("v1");
            published.put(first, firstJson);
            published.put(second, secondJson);
            world.account.dropAfterFillNextOrders(1);
            world.account.failNextLookups(200, 503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
            world.leader.publish(firstJson);
            pollNow();
            world.leader.publish(secondJson);
            pollNow();
            invariants.afterStep();
            return "reserved-money(" + first + "," + second + ")";
        } finally {
            random = main;
            world.account.failNextLookups(0, 503, "");
            settle();
        }
    }

    /**
     * Le disque de la base se remplit (une carte SD pleine) : un signal arrive, le suiveur est une fois
     * sur trois tué et relancé sur ce disque plein ; puis la place revient. Rien n'est perdu ni doublé
     * (les invariants), /health dit disk_full ou ok, et l'agent reprend seul, sans personne. Tiré de
     * son propre flux ({@link #diskEvents}).
     */
    private String diskFull() {
        if (world.disk == null || paused) {
            figures.fault(paused ? "disk_full_skipped_paused" : "disk_full_skipped_no_tmpfs");
            return "disk-full(" + (paused ? "paused" : "no tmpfs: not root") + ")";
        }
        Random main = random;
        random = diskEvents;
        String what;
        try {
            world.fillDisk();
            figures.fault("disk_full");
            String id = nextId();
            String json = random.nextBoolean() ? v1(id) : v2(id);
            figures.signal("during_disk_full");
            published.put(id, json);
            world.leader.publish(json);
            pollNow();
            // la garde du disque (toutes les 0,5 s ici) le constate : /health le dit, le tableau de bord se lit encore
            if (Await.quietly(Duration.ofSeconds(5), () -> world.follower.get("/health").diskFull())) {
                figures.fault("disk_full_refused_a_write");
            }
            for (String path : List.of("/api/budget", "/api/positions", "/api/agent/status", "/api/trades")) {
                SoakFollower.Answer read = world.follower.get(path);
                invariants.check(read.ok(), MoneyInvariants.HEALTH, "GET " + path + " on a full disk answered " + read.status() + " " + read.body());
            }
            invariants.afterStep();
            boolean restart = random.nextInt(3) == 0;
            if (restart) {
                world.follower.kill9();
                figures.restarts++;
                figures.fault("kill9_on_full_disk");
                world.follower.start();
                invariants.afterStep();
            }
            what = id + (restart ? ",restarted" : "");
        } finally {
            random = main;
            world.freeDisk();
        }
        boolean resumed = Await.quietly(Duration.ofSeconds(30), () -> {
            SoakFollower.Answer status = world.follower.get("/api/agent/status");
            return status.ok() && !status.body().contains("\"pause_reason\":\"disk_full\"") && world.follower.get("/health").ok();
        });
        invariants.check(resumed, MoneyInvariants.HEALTH, "the agent did not resume by itself within 30 s once the disk had room again: "
                + world.follower.get("/api/agent/status").body());
        // le signal que le disque plein n'a pas laissé écrire est encore publié : lu de nouveau, copié s'il est encore temps
        pollNow();
        settle();
        String id = what.split(",")[0];
        invariants.check(world.db.signals().stream().anyMatch(s -> s.signalId().equals(id)), MoneyInvariants.HONEST_STATUS,
                "the signal published while the disk was full (" + id + ") was never recorded once the space came back");
        return "disk-full(" + what + ")";
    }

    /** Attendre que plus rien ne soit en vol (sauf en pause ou si la bourse reste muette : pas une violation ici). */
    private void settle() {
        if (!paused) {
            Await.quietly(SETTLE, () -> world.db.unsettled() == 0);
        }
    }

    /** La fin : plus de panne, l'utilisateur récupère ses pièces bloquées ou en Earn, un dernier signal sans ordre. */
    private void drain() {
        world.binance.failWith(0);
        world.account.payCommissionInBnb(false);
        if (paused) {
            pauseToggle();
        }
        for (String asset : ASSETS) {
            world.account.unlockAll(asset);
            world.account.backFromEarn(asset);
        }
        String id = nextId();
        world.leader.publish("{\"signal_id\":\"" + id + "\",\"version\":1,\"actions\":[]}");
        pollNow();
        // une intention « sending » d'un signal abandonné est résolue par la relecture des orphelins (1 min)
        if (!Await.quietly(Duration.ofSeconds(100), () -> world.db.unsettled() == 0)) {
            log.add("drain: still unsettled after 100 s");
        }
        pollNow();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Attendre une condition sans échouer : le soak décide lui-même de ce qu'un délai veut dire. */
    static final class Await {
        private Await() {
        }

        static boolean quietly(Duration timeout, BooleanSupplier condition) {
            try {
                com.calvalot.support.Await.until("soak condition", timeout, condition);
                return true;
            } catch (SoakViolation violation) {
                throw violation;
            } catch (AssertionError timedOut) {
                return false;
            }
        }
    }
}
