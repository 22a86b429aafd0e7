package com.calvalot.exchange;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les filtres des paires suivies, lus dans exchangeInfo, gardés dix minutes (relus plus tôt après un
 * refus par un filtre : la bourse les a changés ; relus en fond pendant qu'un signal lit ses chiffres).
 * Si la relecture échoue, les derniers connus servent ; si rien n'a jamais été lu, aucun ordre live ne
 * part. exchangeInfo dit aussi le statut de chaque paire (une paire hors TRADING, ou que Binance ne
 * connaît plus, a ses ordres écartés : {@link PairStatuses}) et les modes de Self-Trade Prevention qu'elle
 * accepte : un ordre du suiveur demande celui qui laisse les ordres de l'utilisateur en place.
 */
public class ExchangeFilters implements OrderRules {

    static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Duration MISSING_RETRY = Duration.ofMinutes(1);
    /** Binance : un symbole inconnu fait échouer toute la requête groupée. */
    static final int INVALID_SYMBOL = -1121;
    /** Le mode STP préféré d'abord : l'ordre du suiveur expire, celui de l'utilisateur reste au carnet. */
    private static final List<String> STP_PREFERENCE = List.of("EXPIRE_TAKER", "NONE");
    private static final String INFO = "/api/v3/exchangeInfo";
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFilters.class);

    private final BinanceHttp http;
    private final Clock clock;
    private final PairStatuses statuses;
    private Map<String, SymbolFilters> filters = Map.of();
    private Map<String, String> stpModes = Map.of();
    private Instant loadedAt;
    private Instant missingReadAt;

    public ExchangeFilters(BinanceHttp http, Clock clock, PairStatuses statuses) {
        this.http = http;
        this.clock = clock;
        this.statuses = statuses;
    }

    public synchronized SymbolFilters of(String pair) {
        refreshIfStale();
        SymbolFilters found = filters.get(pair);
        if (found == null && (missingReadAt == null || Duration.between(missingReadAt, clock.instant()).compareTo(MISSING_RETRY) >= 0)) {
            // une paire sans filtres (non cotée à la dernière lecture, de nouveau cotée depuis) : relue tout de suite,
            // au plus une fois par minute
            missingReadAt = clock.instant();
            loadedAt = null;
            refreshIfStale();
            found = filters.get(pair);
        }
        if (found == null) {
            throw new IllegalStateException("exchange filters for " + pair + " are unknown (exchangeInfo unreadable)");
        }
        return found;
    }

    /** Relit exchangeInfo s'il date de plus de dix minutes (aussi en fond, pendant qu'un signal lit ses chiffres). */
    public synchronized void refreshIfStale() {
        if (loadedAt != null && Duration.between(loadedAt, clock.instant()).compareTo(REFRESH) < 0) {
            return;
        }
        try {
            load();
            loadedAt = clock.instant();
        } catch (RuntimeException e) {
            LOG.warn("Cannot read Binance exchangeInfo ({}); keeping the last known filters", e.getMessage());
        }
    }

    /** Le mode de Self-Trade Prevention qu'un ordre sur cette paire demande, ou null (celui de la paire par défaut). */
    public synchronized String stpMode(String pair) {
        return stpModes.get(pair);
    }

    /** Toutes les paires en une requête ; si Binance ne connaît plus l'une d'elles, paire par paire. */
    private void load() {
        List<JsonNode> answers = new ArrayList<>();
        // une paire que Binance ne cote plus est demandée seule (elle ferait échouer l'appel groupé)
        List<String> batch = TrackedPairs.ALL.stream().filter(pair -> !statuses.unknownToBinance(pair)).toList();
        List<String> alone = new ArrayList<>(TrackedPairs.ALL.stream().filter(pair -> !batch.contains(pair)).toList());
        try {
            if (!batch.isEmpty()) {
                answers.add(http.publicGet(INFO, Map.of("symbols", Json.write(batch))));
            }
        } catch (BinanceApiException e) {
            if (e.code() != INVALID_SYMBOL) {
                throw e;
            }
            alone.addAll(batch);
        }
        for (String pair : alone) {
            try {
                answers.add(http.publicGet(INFO, Map.of("symbol", pair)));
            } catch (BinanceApiException one) {
                if (one.code() != INVALID_SYMBOL) {
                    throw one;
                }
                statuses.unknown(pair);
            }
        }
        Map<String, SymbolFilters> parsed = new HashMap<>(filters);
        Map<String, String> modes = new HashMap<>(stpModes);
        for (JsonNode info : answers) {
            parsed.putAll(parse(info));
            for (JsonNode s : info.path("symbols")) {
                String symbol = s.path("symbol").asText();
                statuses.listed(symbol, s.path("status").asText());
                String mode = stpMode(s.path("allowedSelfTradePreventionModes"));
                if (mode == null) {
                    modes.remove(symbol);
                } else {
                    modes.put(symbol, mode);
                }
            }
        }
        filters = Map.copyOf(parsed);
        stpModes = Map.copyOf(modes);
    }

    private static String stpMode(JsonNode allowed) {
        List<String> modes = new ArrayList<>();
        allowed.forEach(mode -> modes.add(mode.asText()));
        return STP_PREFERENCE.stream().filter(modes::contains).findFirst().orElse(null);
    }

    /** Les filtres et les paires à l'arrêt tels que connus maintenant (sans relire exchangeInfo). */
    @Override
    public synchronized FiltersInForce inForce() {
        return new FiltersInForce(filters, statuses.all());
    }

    @Override
    public synchronized void refreshAfterRefusal() {
        loadedAt = null;
    }

    @Override
    public Sized buy(String pair, BigDecimal quote, BigDecimal price) {
        String untradeable = untradeable(pair);
        return untradeable != null ? new Sized(quote, untradeable) : of(pair).buy(quote, price);
    }

    @Override
    public Sized sell(String pair, BigDecimal quantity, BigDecimal price) {
        String untradeable = untradeable(pair);
        return untradeable != null ? new Sized(quantity, untradeable) : of(pair).sell(quantity, price);
    }

    /** Les statuts d'abord relus s'ils sont vieux : un ordre n'est jamais taillé pour une paire à l'arrêt. */
    private String untradeable(String pair) {
        refreshIfStale();
        return statuses.reason(pair);
    }

    static Map<String, SymbolFilters> parse(JsonNode info) {
        Map<String, SymbolFilters> parsed = new HashMap<>();
        for (JsonNode s : info.path("symbols")) {
            BigDecimal step = null;
            BigDecimal minQty = BigDecimal.ZERO;
            BigDecimal maxQty = null;
            BigDecimal minNotional = BigDecimal.ZERO;
            for (JsonNode f : s.path("filters")) {
                switch (f.path("filterType").asText()) {
                    case "LOT_SIZE" -> {
                        step = decimal(f, "stepSize");
                        minQty = minQty.max(decimal(f, "minQty"));
                        maxQty = decimal(f, "maxQty");
                    }
                    case "MARKET_LOT_SIZE" -> {
                        // pas ou bornes à zéro : le filtre ne s'applique pas
                        minQty = minQty.max(decimal(f, "minQty"));
                        BigDecimal marketMax = decimal(f, "maxQty");
                        if (marketMax.signum() > 0 && (maxQty == null || marketMax.compareTo(maxQty) < 0)) {
                            maxQty = marketMax;
                        }
                        BigDecimal marketStep = decimal(f, "stepSize");
                        if (marketStep.signum() > 0 && (step == null || marketStep.compareTo(step) > 0)) {
                            step = marketStep;
                        }
                    }
                    case "NOTIONAL" -> {
                        if (f.path("applyMinToMarket").asBoolean(true)) {
                            minNotional = minNotional.max(decimal(f, "minNotional"));
                        }
                    }
                    case "MIN_NOTIONAL" -> {
                        if (f.path("applyToMarket").asBoolean(true)) {
                            minNotional = minNotional.max(decimal(f, "minNotional"));
                        }
                    }
                    default -> {
                        // PRICE_FILTER et autres : sans effet sur un ordre au marché
                    }
                }
            }
            String symbol = s.path("symbol").asText();
            parsed.put(symbol, new SymbolFilters(symbol, step, minQty, maxQty, minNotional,
                    s.path("baseAssetPrecision").asInt(Money.SCALE), s.path("quoteAssetPrecision").asInt(Money.SCALE)));
        }
        return Map.copyOf(parsed);
    }

    private static BigDecimal decimal(JsonNode filter, String field) {
        String text = filter.path(field).asText("0");
        return Money.plain(new BigDecimal(text.isEmpty() ? "0" : text));
    }
}
