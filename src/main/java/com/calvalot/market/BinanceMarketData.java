package com.calvalot.market;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.BinanceApiException;
import com.calvalot.exchange.BinanceHttp;
import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.exchange.PairStatuses;
import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les prix publics de Binance (les 5 paires suivies + EURUSDC) en UN appel groupé
 * {@code /api/v3/ticker/price?symbols=[...]}, gardés 60 s. Une paire que Binance ne cote plus fait
 * refuser tout l'appel groupé (-1121) : les cours sont alors lus un par un, la paire dite intradable
 * (ses avoirs valorisés à leur dernier cours connu), et les autres servent comme d'habitude. Quand la lecture échoue, les derniers
 * prix connus restent servis, marqués périmés : l'API ne tombe jamais parce que la bourse est
 * injoignable, et un portefeuille « inconnu » ne ressemble jamais à un portefeuille vide.
 */
public class BinanceMarketData implements MarketData {

    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    static final String TICKER = "/api/v3/ticker/price";
    /** Binance : un symbole inconnu fait échouer toute la requête groupée. */
    static final int INVALID_SYMBOL = -1121;
    /** Une paire plus cotée est redemandée seule au plus à ce rythme (la voir revenir, sans coût à chaque lecture). */
    static final Duration PROBE_UNLISTED = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(BinanceMarketData.class);

    private final BinanceHttp http;
    private final Clock clock;
    private final BinanceRateGate rateGate;
    private final PairStatuses statuses;
    private final Function<String, BigDecimal> lastTradedPrice;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile MarketSnapshot last = new MarketSnapshot(Map.of(), null, true, null);
    private volatile Instant lastAttempt;
    // sous le verrou reading : quand chaque paire plus cotée a été redemandée pour la dernière fois
    private final Map<String, Instant> probedAt = new HashMap<>();

    /** Sans registre : une paire plus cotée n'a de cours que celui lu avant (outils, tests). */
    public BinanceMarketData(BinanceHttp http, Clock clock, BinanceRateGate rateGate) {
        this(http, clock, rateGate, new PairStatuses(), pair -> null);
    }

    /**
     * {@code http} : les appels publics (sans clé) ; un 429/418 y ferme le feu de tout le processus.
     * {@code lastTradedPrice} : le dernier prix d'un trade du suiveur sur une paire, pour valoriser ce qu'il
     * détient d'une paire que Binance ne cote plus quand aucun cours n'a été lu depuis le démarrage.
     */
    public BinanceMarketData(BinanceHttp http, Clock clock, BinanceRateGate rateGate, PairStatuses statuses,
                             Function<String, BigDecimal> lastTradedPrice) {
        this.http = http;
        this.clock = clock;
        this.rateGate = rateGate;
        this.statuses = statuses;
        this.lastTradedPrice = lastTradedPrice;
    }

    /** Ne fait jamais attendre l'API derrière une lecture déjà en cours : elle sert alors le cache. */
    @Override
    public MarketSnapshot latest() {
        if (expired() && reading.tryLock()) {
            try {
                if (expired()) {
                    read();
                }
            } finally {
                reading.unlock();
            }
        }
        return last;
    }

    @Override
    public MarketSnapshot refresh() {
        reading.lock();
        try {
            read();
            return last;
        } finally {
            reading.unlock();
        }
    }

    private boolean expired() {
        Instant attempt = lastAttempt;
        return attempt == null || Duration.between(attempt, clock.instant()).compareTo(CACHE_TTL) >= 0;
    }

    private void read() {
        lastAttempt = clock.instant();
        try {
            if (!rateGate.remaining().isZero()) {
                throw new IllegalStateException("Binance rate limit: calls paused");
            }
            last = new MarketSnapshot(readPrices(), null, false, lastAttempt).withEurFromPrices();
        } catch (RuntimeException e) {
            stale(e);
        }
    }

    private void stale(RuntimeException e) {
        if (!last.stale() || last.readAt() == null) {
            LOG.warn("Cannot read Binance prices ({}); serving the last known prices, marked stale", describe(e));
        }
        last = new MarketSnapshot(last.pricesUsdc(), last.eurUsdc(), true, last.readAt());
    }

    private Map<String, BigDecimal> readPrices() {
        List<String> symbols = new ArrayList<>(TrackedPairs.ALL);
        symbols.add(TrackedPairs.EURUSDC);
        // une paire que Binance ne cote plus reste hors de l'appel groupé (il échouerait) ; elle est redemandée
        // seule, au plus toutes les cinq minutes, pour la voir revenir
        List<String> batch = symbols.stream().filter(symbol -> !statuses.unknownToBinance(symbol)).toList();
        Map<String, BigDecimal> fresh = new HashMap<>();
        try {
            // le format de Binance : symbols=["BTCUSDC","ETHUSDC",…] (encodé par BinanceHttp)
            read(http.publicGet(TICKER, Map.of("symbols", "[\"" + String.join("\",\"", batch) + "\"]")), fresh);
        } catch (BinanceApiException e) {
            if (e.code() != INVALID_SYMBOL) {
                throw e;
            }
            // Binance vient de cesser de coter l'une des paires : toute la requête groupée est refusée ; une par une,
            // les autres restent lues et tradées, celle qui manque est dite intradable (PairStatuses)
            batch.forEach(symbol -> readOne(symbol, fresh));
        }
        symbols.stream().filter(symbol -> !batch.contains(symbol) && probeDue(symbol)).forEach(symbol -> readOne(symbol, fresh));
        Map<String, BigDecimal> prices = new HashMap<>(fresh);
        for (String symbol : symbols) {
            if (fresh.containsKey(symbol)) {
                if (statuses.unknownToBinance(symbol)) {
                    statuses.tradeable(symbol);
                }
            } else if (statuses.unknownToBinance(symbol)) {
                // ce que le suiveur détient d'une paire que Binance ne cote plus reste valorisé à son dernier cours connu
                BigDecimal known = last.price(symbol) != null ? last.price(symbol) : lastTradedPrice.apply(symbol);
                if (known != null) {
                    prices.put(symbol, known);
                }
            } else {
                throw new IllegalStateException("ticker answer lacks " + symbol);
            }
        }
        return Map.copyOf(prices);
    }

    /** Le cours d'une seule paire ; inconnue de Binance (-1121), elle est dite intradable. */
    private void readOne(String symbol, Map<String, BigDecimal> fresh) {
        probedAt.put(symbol, clock.instant());
        try {
            read(http.publicGet(TICKER, Map.of("symbol", symbol)), fresh);
        } catch (BinanceApiException one) {
            if (one.code() != INVALID_SYMBOL || symbol.equals(TrackedPairs.EURUSDC)) {
                throw one;
            }
            statuses.unknown(symbol);
        }
    }

    private boolean probeDue(String symbol) {
        Instant probed = probedAt.get(symbol);
        return probed == null || Duration.between(probed, clock.instant()).compareTo(PROBE_UNLISTED) >= 0;
    }

    private static void read(JsonNode answer, Map<String, BigDecimal> prices) {
        try {
            for (JsonNode ticker : answer.isArray() ? answer : List.of(answer)) {
                BigDecimal price = new BigDecimal(ticker.get("price").asText());
                if (price.signum() > 0) {
                    prices.put(ticker.get("symbol").asText(), Money.plain(price));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable ticker answer", e);
        }
    }

    /** Le message court d'une erreur réseau ou Binance, sans URL signée (il n'y en a pas ici). */
    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
