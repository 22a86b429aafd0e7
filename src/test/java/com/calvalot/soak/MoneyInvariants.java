package com.calvalot.soak;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.calvalot.json.Json;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les invariants d'argent, vérifiés de l'extérieur seulement : le journal des ordres et les soldes
 * de la doublure Binance, la base lue par une connexion à part en lecture seule, l'API HTTP.
 *
 * « Égal à la bourse aux frais près », précisément : pour chaque ordre exécuté, le registre tient la
 * quantité exécutée (nette de la commission quand Binance la prend dans l'actif acheté) et le montant
 * en USDC que Binance a rendus, à 1e-8 près (Binance rend 8 décimales ; la doublure calcule exact).
 * Le seul écart permis est la valeur d'une commission payée en BNB : le suiveur la valorise au cours
 * BNBUSDC lu pour son signal, la bourse la débite au cours de l'exécution ; l'écart est au plus
 * Σ commission × (plus haut − plus bas cours BNB vu pendant le soak). D'où les tolérances :
 * quantité d'une paire : 1e-8 × ses exécutions ; USDC : 1e-8 × toutes les exécutions + cet écart BNB.
 */
final class MoneyInvariants {

    static final String EXACTLY_ONCE = "exactly-once";
    static final String NO_REFUSAL = "nothing-sized-on-stale-or-reserved-money";
    static final String OWN_MONEY_ONLY = "budget-never-spends-or-sells-beyond-its-ledger";
    static final String NOT_DEAD = "never-dead-while-money-exists";
    static final String MAX_DELAY = "no-copy-after-SIGNAL_MAX_DELAY_SECONDS";
    static final String HEALTH = "health-answers";
    static final String LEDGER_EQUALS_EXCHANGE = "ledger-equals-exchange-within-fees";
    static final String HONEST_STATUS = "every-signal-ends-in-an-honest-status";
    static final String PAUSE = "a-manual-pause-stops-orders";
    static final String NO_COPY = "duplicate-hostile-and-late-signals-place-nothing";

    private static final BigDecimal TICK = new BigDecimal("0.00000001");
    private static final List<String> ASSETS = List.of("USDC", "BTC", "ETH", "BNB", "SOL", "XRP");

    private final SoakWorld world;
    private final SoakFigures figures;
    private int refusalsSeen;
    private int ordersTimed;

    MoneyInvariants(SoakWorld world, SoakFigures figures) {
        this.world = world;
        this.figures = figures;
    }

    /** Après chaque pas : ce qui doit être vrai à tout instant, même avec des ordres en vol. */
    void afterStep() {
        health();
        exactlyOnce();
        noRefusal();
        if (world.budgetSizing) {
            ownMoneyOnly();
        }
        notDead();
        maxDelay(false);
    }

    /** Une fois tout résolu (drain) : le registre face à la bourse, les statuts, les délais. */
    void atEnd() {
        afterStep();
        int unsettled = world.db.unsettled();
        check(unsettled == 0, HONEST_STATUS, unsettled + " signals or orders still unresolved after the drain: "
                + world.db.signals().stream().filter(s -> s.status().equals("received") || s.status().equals("executing")).toList()
                + " " + world.db.intents().stream().filter(i -> i.status().equals("sending")).toList());
        tradesMatchOrders();
        positionsMatch();
        cashMatches();
        honestStatuses();
        maxDelay(true);
    }

    void check(boolean ok, String invariant, String detail) {
        figures.checks++;
        if (!ok) {
            throw new SoakViolation(invariant, detail);
        }
    }

    private void health() {
        if (world.follower.alive()) {
            SoakFollower.Answer answer = world.follower.get("/health");
            check(answer.ok() || world.diskFull() && answer.diskFull(), HEALTH, "/health answered " + answer.status() + " " + answer.body());
        }
    }

    private void exactlyOnce() {
        Map<String, Long> byClientId = world.account.orders().stream()
                .collect(Collectors.groupingBy(FakeSpotAccount.Order::clientOrderId, Collectors.counting()));
        List<String> twice = byClientId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        check(twice.isEmpty(), EXACTLY_ONCE, "client order ids placed more than once on the exchange: " + twice + " "
                + world.account.orders().stream().filter(o -> twice.contains(o.clientOrderId())).toList());
    }

    /**
     * La doublure ne refuse (filtre -1013, solde -2010) que ce qu'un suiveur correct n'envoie jamais :
     * un ordre dimensionné sur de l'argent qui n'est pas là (périmé, réservé par un ordre non résolu,
     * bloqué, parti en Earn) ou arrondi hors des filtres.
     */
    private void noRefusal() {
        List<String> refusals = world.account.refusals();
        List<String> fresh = refusals.subList(refusalsSeen, refusals.size());
        check(fresh.isEmpty(), NO_REFUSAL, "the exchange refused "
                + world.account.refusedOrders().subList(refusalsSeen, refusals.size()));
        refusalsSeen = refusals.size();
    }

    /**
     * LIVE_SIZING=budget, vu de la bourse : ce que les ordres du suiveur ont fait à chaque actif
     * (achats nets de commission − ventes ; pour l'USDC, son budget + ses dépôts − achats + ventes −
     * commissions ; une commission en BNB est payée une fois, par sa position BNB si elle la couvre
     * (trades.fee_in_position), sinon par son USDC) ne descend jamais sous zéro :
     * il n'a jamais vendu une pièce ni dépensé un USDC que l'utilisateur gardait à côté.
     */
    private void ownMoneyOnly() {
        Map<String, BigDecimal> net = followerNet(world.account.orders());
        int fills = world.account.orders().size();
        for (String asset : ASSETS) {
            BigDecimal value = net.getOrDefault(asset, BigDecimal.ZERO);
            BigDecimal tolerance = asset.equals("USDC") ? usdcTolerance() : TICK.multiply(BigDecimal.valueOf(fills));
            check(value.compareTo(tolerance.negate()) >= 0, OWN_MONEY_ONLY, "the follower's own " + asset
                    + " seen from the exchange is " + value.toPlainString() + ": it sold or spent the user's " + asset
                    + " (exchange holds " + world.account.owned(asset).toPlainString() + ", the user's own "
                    + world.user.own(asset).toPlainString() + ")");
        }
    }

    /** Ce que les ordres du suiveur ont fait à chaque actif depuis son budget de départ (USDC : budget et dépôts compris). */
    Map<String, BigDecimal> followerNet(List<FakeSpotAccount.Order> orders) {
        Set<String> paidFromBnb = world.db.feesPaidFromBnbPosition();
        Map<String, BigDecimal> net = new HashMap<>();
        net.put("USDC", world.user.followerDepositsUsdc());
        for (FakeSpotAccount.Order o : orders) {
            String base = o.symbol().substring(0, o.symbol().length() - 4);
            boolean buy = o.side().equals("BUY");
            BigDecimal quote = o.quoteQty();
            BigDecimal onBase = o.commissionAsset().equals(base) ? o.commission() : BigDecimal.ZERO;
            BigDecimal onQuote = o.commissionAsset().equals("USDC") ? o.commission() : BigDecimal.ZERO;
            net.merge(base, buy ? o.executedQty().subtract(onBase) : o.executedQty().negate(), BigDecimal::add);
            net.merge("USDC", buy ? quote.negate() : quote.subtract(onQuote), BigDecimal::add);
            BigDecimal bnbPrice = world.account.bnbPriceAtFill(o.orderId());
            if (bnbPrice != null && paidFromBnb.contains(o.clientOrderId())) {
                // payée par la position BNB du suiveur (trades.fee_in_position) : son BNB baisse, pas son USDC
                net.merge("BNB", o.commission().negate(), BigDecimal::add);
            } else if (bnbPrice != null) {
                // payée avec le BNB de l'utilisateur, imputée à l'USDC du suiveur (une fois, jamais les deux)
                net.merge("USDC", o.commission().multiply(bnbPrice).negate(), BigDecimal::add);
            }
        }
        return net;
    }

    private BigDecimal usdcTolerance() {
        BigDecimal bnbGap = BigDecimal.ZERO;
        for (FakeSpotAccount.Order o : world.account.orders()) {
            if (world.account.bnbPriceAtFill(o.orderId()) != null) {
                bnbGap = bnbGap.add(o.commission().multiply(world.bnbPriceRange()));
            }
        }
        return TICK.multiply(BigDecimal.valueOf(world.account.orders().size() + 1L)).add(bnbGap);
    }

    private void notDead() {
        check(!world.db.dead(), NOT_DEAD, "the agent is DEAD while the account holds " + world.account.owned("USDC").toPlainString()
                + " USDC and its ledger " + world.db.positions());
    }

    /** Aucun ordre ne part plus de SIGNAL_MAX_DELAY_SECONDS après la réception de son signal. */
    private void maxDelay(boolean all) {
        List<FakeSpotAccount.Order> orders = world.account.orders();
        if (ordersTimed >= orders.size()) {
            return;
        }
        Map<String, String> signalOf = new HashMap<>();
        world.db.intents().forEach(i -> signalOf.put(i.clientOrderId(), i.signalId()));
        Map<String, String> receivedAt = new HashMap<>();
        world.db.signals().forEach(s -> receivedAt.put(s.signalId(), s.receivedAt()));
        for (int i = ordersTimed; i < orders.size(); i++) {
            FakeSpotAccount.Order o = orders.get(i);
            String signalId = signalOf.get(o.clientOrderId());
            check(signalId != null, EXACTLY_ONCE, "an order on the exchange has no intent in the ledger: " + o);
            String received = receivedAt.get(signalId);
            if (received == null) {
                continue;
            }
            // received_at est écrit à la seconde (tronqué, 1 s) ; un ordre signé à temps peut encore être exécuté
            // dans son recvWindow (1 s) ; 1 s de plus pour l'ordonnancement d'une machine chargée
            long lateMs = o.time() - Instant.parse(received).toEpochMilli();
            check(lateMs <= world.maxDelaySeconds * 1000L + 3000, MAX_DELAY, "order " + o.clientOrderId() + " of "
                    + signalId + " executed " + lateMs + " ms after the signal's receipt (" + received + ")");
        }
        ordersTimed = orders.size();
    }

    /** Chaque ordre exécuté a son trade, aux mêmes chiffres ; aucun trade sans ordre. */
    private void tradesMatchOrders() {
        Map<String, SoakDb.Trade> trades = new HashMap<>();
        for (SoakDb.Trade t : world.db.trades()) {
            check(trades.put(t.clientOrderId(), t) == null, EXACTLY_ONCE, "two trades for " + t.clientOrderId());
        }
        Set<String> onExchange = new HashSet<>();
        for (FakeSpotAccount.Order o : world.account.orders()) {
            onExchange.add(o.clientOrderId());
            SoakDb.Trade t = trades.get(o.clientOrderId());
            if (o.executedQty().signum() == 0) {
                continue;
            }
            check(t != null, LEDGER_EQUALS_EXCHANGE, "an order executed by the exchange is missing from the ledger: " + o);
            String base = o.symbol().substring(0, o.symbol().length() - 4);
            BigDecimal quantity = o.side().equals("BUY") && o.commissionAsset().equals(base)
                    ? o.executedQty().subtract(o.commission()) : o.executedQty();
            check(near(t.quantity(), quantity, TICK), LEDGER_EQUALS_EXCHANGE, "trade " + t + " records a quantity of "
                    + t.quantity().toPlainString() + ", the exchange executed " + quantity.toPlainString() + " (" + o + ")");
            check(near(t.amountUsdt(), o.quoteQty(), TICK), LEDGER_EQUALS_EXCHANGE, "trade " + t + " records "
                    + t.amountUsdt().toPlainString() + " USDC, the exchange " + o.quoteQty().toPlainString());
            check(o.commissionAsset().equals(t.feeAsset()), LEDGER_EQUALS_EXCHANGE, "trade " + t + " says its fee was paid in "
                    + t.feeAsset() + ", the exchange took " + o.commissionAsset());
            if (o.commissionAsset().equals("USDC")) {
                check(near(t.feeUsdt(), o.commission(), TICK), LEDGER_EQUALS_EXCHANGE, "trade " + t + " fee " + t.feeUsdt()
                        + ", the exchange took " + o.commission() + " USDC");
            }
        }
        List<String> phantom = new ArrayList<>(trades.keySet());
        phantom.removeAll(onExchange);
        check(phantom.isEmpty(), LEDGER_EQUALS_EXCHANGE, "trades the exchange never executed: " + phantom);
    }

    /**
     * Budget : la position du registre = ce que les ordres du suiveur ont fait à la paire. Portefeuille
     * entier : la position = ce que le compte détient (libre + bloqué, tout revenu d'Earn à la fin),
     * sauf un manque que l'utilisateur a créé en retirant des pièces (le registre ne le suit qu'après
     * trois lectures sur 10 minutes) : jamais plus que ce manque au-dessus.
     */
    private void positionsMatch() {
        Map<String, BigDecimal> ledger = world.db.positions();
        List<FakeSpotAccount.Order> orders = world.account.orders();
        Map<String, BigDecimal> net = followerNet(orders);
        for (String pair : SoakWorld.PAIRS) {
            String base = pair.substring(0, pair.length() - 4);
            BigDecimal own = ledger.getOrDefault(pair, BigDecimal.ZERO);
            long fills = orders.stream().filter(o -> o.symbol().equals(pair)).count();
            BigDecimal tolerance = TICK.multiply(BigDecimal.valueOf(fills + 1));
            if (world.budgetSizing) {
                BigDecimal expected = net.getOrDefault(base, BigDecimal.ZERO);
                check(near(own, expected, tolerance), LEDGER_EQUALS_EXCHANGE, "budget ledger holds " + own.toPlainString() + " "
                        + pair + " but the follower's orders left it " + expected.toPlainString() + "; drifts recorded " + world.db.drifts(pair));
            } else {
                BigDecimal held = world.account.held(base);
                BigDecimal withdrawn = world.user.withdrawn(base);
                check(own.compareTo(held.subtract(tolerance)) >= 0 && own.compareTo(held.add(withdrawn).add(tolerance)) <= 0,
                        LEDGER_EQUALS_EXCHANGE, "wallet ledger holds " + own.toPlainString() + " " + pair + " but the account holds "
                        + held.toPlainString() + " (the user withdrew " + withdrawn.toPlainString() + "); drifts recorded " + world.db.drifts(pair));
            }
        }
    }

    /** L'USDC du suiveur montré par /api/budget face à celui que ses ordres lui ont laissé (ou au compte entier). */
    private void cashMatches() {
        SoakFollower.Answer budget = world.follower.get("/api/budget");
        check(budget.ok(), HEALTH, "/api/budget answered " + budget.status() + " " + budget.body());
        BigDecimal shown;
        try {
            JsonNode json = Json.MAPPER.readTree(budget.body());
            shown = json.path("cash_usdt").decimalValue();
        } catch (Exception e) {
            throw new SoakViolation(HEALTH, "/api/budget is not JSON: " + budget.body());
        }
        // l'USDC possédé : libre + bloqué sous un ordre de l'utilisateur, et, en wallet, ce que l'utilisateur a
        // retiré tant que l'écart n'est pas confirmé (10 minutes : de l'argent parti n'est pas une perte, issue 35)
        BigDecimal tolerance = usdcTolerance().max(new BigDecimal("0.000001"));
        if (world.budgetSizing) {
            BigDecimal expected = followerNet(world.account.orders()).get("USDC").min(world.account.held("USDC"));
            check(near(shown, expected, tolerance), LEDGER_EQUALS_EXCHANGE, "/api/budget shows " + shown.toPlainString()
                    + " USDC of cash, the exchange says " + expected.setScale(8, RoundingMode.HALF_EVEN).toPlainString());
            return;
        }
        BigDecimal held = world.account.held("USDC");
        BigDecimal withdrawn = world.user.withdrawn("USDC");
        check(shown.compareTo(held.subtract(tolerance)) >= 0 && shown.compareTo(held.add(withdrawn).add(tolerance)) <= 0,
                LEDGER_EQUALS_EXCHANGE, "/api/budget shows " + shown.toPlainString() + " USDC of cash, the exchange holds "
                + held.setScale(8, RoundingMode.HALF_EVEN).toPlainString() + " (the user withdrew " + withdrawn.toPlainString() + ")");
    }

    private void honestStatuses() {
        Map<String, Long> ordersBySignal = new HashMap<>();
        Map<String, String> signalOf = new HashMap<>();
        world.db.intents().forEach(i -> signalOf.put(i.clientOrderId(), i.signalId()));
        for (FakeSpotAccount.Order o : world.account.orders()) {
            if (o.executedQty().signum() > 0) {
                ordersBySignal.merge(signalOf.get(o.clientOrderId()), 1L, Long::sum);
            }
        }
        Map<String, List<String>> intentStatuses = new HashMap<>();
        world.db.intents().forEach(i -> intentStatuses.computeIfAbsent(i.signalId(), k -> new ArrayList<>()).add(i.status()));
        for (SoakDb.SignalRow s : world.db.signals()) {
            long placed = ordersBySignal.getOrDefault(s.signalId(), 0L);
            // partial : dépassé par un signal plus récent après une partie exécutée (issue 35)
            boolean superseded = s.message() != null && s.message().contains("superseded by ");
            check(placed == 0 || s.status().equals("executed") || s.status().equals("error")
                    || (s.status().equals("partial") && superseded), HONEST_STATUS, "signal "
                    + s.signalId() + " shows " + s.status() + " (" + s.message() + ") but " + placed + " of its orders executed");
            List<String> intents = intentStatuses.getOrDefault(s.signalId(), List.of());
            check(!intents.contains("sending") && !intents.contains("planned"), HONEST_STATUS, "signal " + s.signalId()
                    + " ended " + s.status() + " with intents " + intents);
            check(!s.status().equals("rejected") || intents.isEmpty(), HONEST_STATUS, "rejected signal " + s.signalId()
                    + " has intents " + intents);
        }
        for (String hostile : world.hostileIds) {
            String status = world.db.signals().stream().filter(s -> s.signalId().equals(hostile)).map(SoakDb.SignalRow::status)
                    .findFirst().orElse("missing");
            check(status.equals("rejected"), HONEST_STATUS, "hostile signal " + hostile + " ended " + status);
        }
    }

    private static boolean near(BigDecimal a, BigDecimal b, BigDecimal tolerance) {
        return a.subtract(b).abs().compareTo(tolerance) <= 0;
    }

    static BigDecimal price(FakeBinance binance, String pair) {
        return binance.price(pair);
    }
}
