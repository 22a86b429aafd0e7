package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.BinanceAccount;
import com.calvalot.exchange.BinanceApiException;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.signal.TrackedPairs;

/**
 * La valeur du portefeuille en live : les soldes du compte Binance (la bourse a raison), libre +
 * bloqué pour ce qui est détenu (l'USDC compris), le libre pour ce qui se vend ou se dépense. Le compte est lu une fois au début
 * d'un signal (en même temps que les prix) ; ensuite les soldes suivent les exécutions des ordres,
 * sans relecture. L'API sert ces soldes 60 s. Des soldes illisibles donnent une valeur non fiable
 * (les derniers connus, ou inconnue), jamais zéro.
 * Jamais deux fois une exécution : une lecture qui a croisé une vague d'ordres (partie pendant
 * qu'un ordre était en route, ou pendant qu'une exécution était appliquée) peut déjà contenir une
 * exécution que la réponse de l'ordre applique aussi ; elle ne remplace pas les soldes connus.
 * Aucun appel HTTP ne se fait sous le verrou : une lecture du tableau de bord ne retient jamais un ordre.
 */
public class BinancePortfolioValuation implements PortfolioValuation {

    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(BinancePortfolioValuation.class);

    private final BinanceAccount account;
    private final MarketData marketData;
    private final Clock clock;
    private final Executor calls;
    // sous le verrou de l'objet
    private BinanceAccount.Balances last;
    // les mêmes soldes sans plancher : une vague en parallèle s'exécute à la bourse dans un autre ordre que
    // ses réponses ne s'appliquent ici (un solde peut passer un instant sous zéro, voir afterFill)
    private BinanceAccount.Balances signed;
    // des exécutions ont bougé les soldes depuis la lecture : ce sont des calculs, plus une lecture du compte
    private boolean moved;
    private Instant lastReadAt;
    private Instant freshAt;
    private int ordersInFlight;
    private long movements;

    /** L'état des ordres au départ d'une lecture : elle n'est adoptée que si rien n'a bougé entre-temps. */
    private record Ticket(long movements, int inFlight) {
    }

    public BinancePortfolioValuation(BinanceAccount account, MarketData marketData, Clock clock, Executor calls) {
        this.account = account;
        this.marketData = marketData;
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public PortfolioValue current() {
        synchronized (this) {
            if (freshAt != null && Duration.between(freshAt, clock.instant()).compareTo(CACHE_TTL) < 0) {
                return known(marketData.latest(), true);
            }
        }
        return valueAt(marketData.latest());
    }

    @Override
    public PortfolioValue valueAt(MarketSnapshot market) {
        Ticket ticket = ticket();
        return valued(readOrNull(), market, ticket, true);
    }

    /** Un aller-retour au lieu de deux : le compte est lu pendant que les prix le sont. */
    @Override
    public PortfolioValue readNow() {
        return readLater(calls).join();
    }

    /**
     * Les deux lectures partent tout de suite, chacune sur son fil ; la valeur arrive quand les deux ont
     * répondu. Une lecture qui a croisé des ordres ne dimensionne rien (non fiable).
     */
    @Override
    public CompletableFuture<PortfolioValue> readLater(Executor threads) {
        Ticket ticket = ticket();
        CompletableFuture<BinanceAccount.Balances> balances = CompletableFuture.supplyAsync(this::readOrNull, threads)
                .exceptionally(failure -> null);
        return CompletableFuture.supplyAsync(marketData::refresh, threads)
                .thenCombine(balances, (market, read) -> valued(read, market, ticket, false));
    }

    @Override
    public synchronized void ordersSent() {
        ordersInFlight++;
        movements++;
    }

    @Override
    public synchronized void ordersAnswered() {
        ordersInFlight = Math.max(0, ordersInFlight - 1);
        movements++;
    }

    /** Une lecture en cours est écartée (elle a croisé ces exécutions), et rien de connu n'est resservi. */
    @Override
    public synchronized void forgetBalances() {
        movements++;
        last = null;
        signed = null;
        lastReadAt = null;
        freshAt = null;
    }

    /**
     * Les soldes suivent une exécution. Les réponses d'une vague partie en parallèle s'appliquent dans
     * l'ordre du plan, pas dans celui où la bourse a exécuté : un achat de BTC peut payer sa commission
     * avec le BNB qu'un achat de BNB de la même vague vient d'apporter. Les sommes se font donc sans
     * plancher (elles ne dépendent pas de l'ordre) ; seul ce qui est montré s'arrête à zéro.
     */
    @Override
    public synchronized void afterFill(String pair, Side side, OrderFill fill) {
        movements++;
        if (signed == null) {
            return;
        }
        BigDecimal cashMove = side == Side.BUY ? fill.quoteAmount().negate() : fill.quoteAmount();
        Map<String, BigDecimal> moves = new HashMap<>();
        moves.put(pair, side == Side.BUY ? fill.quantity() : fill.quantity().negate());
        String base = TrackedPairs.baseAsset(pair);
        for (var commission : fill.commissions().entrySet()) {
            String asset = commission.getKey();
            if (asset.equals(TrackedPairs.QUOTE_ASSET)) {
                cashMove = cashMove.subtract(commission.getValue());
            } else if (!(asset.equals(base) && side == Side.BUY) && TrackedPairs.ALL.contains(asset + "USDC")) {
                // un achat a déjà sa commission déduite de la quantité créditée ; le BNB se paie sur le solde BNB
                moves.merge(asset + "USDC", commission.getValue().negate(), BigDecimal::add);
            }
        }
        signed = new BinanceAccount.Balances(signed.cashUsdc().add(cashMove), moved(signed.quantities(), moves),
                moved(signed.free(), moves), signed.cashHeld().add(cashMove));
        last = shown(signed);
        moved = true;
        freshAt = clock.instant();
    }

    private static Map<String, BigDecimal> moved(Map<String, BigDecimal> balances, Map<String, BigDecimal> moves) {
        Map<String, BigDecimal> result = new HashMap<>(balances);
        moves.forEach((pair, move) -> result.merge(pair, move, BigDecimal::add));
        return Map.copyOf(result);
    }

    /** Ce qui est montré et dimensionné : un solde passé sous zéro (une vague pas encore toute appliquée) ne compte pour rien. */
    private static BinanceAccount.Balances shown(BinanceAccount.Balances balances) {
        return new BinanceAccount.Balances(balances.cashUsdc().max(BigDecimal.ZERO), positive(balances.quantities()),
                positive(balances.free()), balances.cashHeld().max(BigDecimal.ZERO));
    }

    private static Map<String, BigDecimal> positive(Map<String, BigDecimal> balances) {
        Map<String, BigDecimal> result = new HashMap<>(balances);
        result.values().removeIf(q -> q.signum() <= 0);
        return Map.copyOf(result);
    }

    private synchronized Ticket ticket() {
        return new Ticket(movements, ordersInFlight);
    }

    private BinanceAccount.Balances readOrNull() {
        try {
            return account.read();
        } catch (BinanceApiException e) {
            LOG.warn("Cannot read the Binance balances ({}); the portfolio value is not reliable", e.getMessage());
            return null;
        }
    }

    /**
     * Des soldes lus (ou null : les derniers connus, marqués non fiables). Une lecture partie pendant
     * qu'un ordre était en route, ou pendant laquelle une exécution a été appliquée, n'est pas adoptée :
     * les soldes connus restent (fiables s'ils étaient frais, pour l'API ; jamais pour dimensionner).
     */
    private synchronized PortfolioValue valued(BinanceAccount.Balances read, MarketSnapshot market, Ticket ticket,
                                               boolean knownServes) {
        if (read == null) {
            freshAt = null;
            return known(market, false);
        }
        boolean crossedOrders = ticket.inFlight() > 0 || ordersInFlight > 0 || ticket.movements() != movements;
        if (crossedOrders && last != null) {
            LOG.debug("An account read crossed an order: the balances as the fills left them are kept");
            return known(market, knownServes);
        }
        if (crossedOrders) {
            return PortfolioValue.of(read.cashHeld(), read.cashUsdc(), read.quantities(), read.free(), market, false, read, null);
        }
        last = read;
        signed = read;
        moved = false;
        lastReadAt = clock.instant();
        freshAt = lastReadAt;
        return known(market, true);
    }

    /**
     * Les soldes connus. Seule une lecture telle quelle porte son heure : des soldes que des exécutions ont
     * bougés depuis servent à montrer et à dimensionner, jamais à recaler le registre ni à confirmer une
     * mort (LedgerReconciliation, PortfolioSnapshots) ; une erreur de calcul n'y devient jamais de l'argent.
     */
    private PortfolioValue known(MarketSnapshot market, boolean reliable) {
        if (last == null) {
            return PortfolioValue.of(null, Map.of(), market, false);
        }
        // possédé : l'USDC libre + bloqué (sous un ordre de l'utilisateur) ; dépensable : le libre
        return PortfolioValue.of(last.cashHeld(), last.cashUsdc(), last.quantities(), last.free(), market, reliable, last,
                moved ? null : lastReadAt);
    }
}
