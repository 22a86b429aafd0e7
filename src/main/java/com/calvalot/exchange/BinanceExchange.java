package com.calvalot.exchange;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les vrais ordres au marché sur Binance Spot. Exactement une fois : chaque ordre porte un client
 * order id déterministe ; quand l'issue d'un envoi est inconnue (pas de réponse, 5xx, -1007), on
 * demande d'abord à la bourse ce qu'elle a sous cet id, et on ne renvoie que si elle ne l'a pas.
 * (Un id d'ordre exécuté est accepté à nouveau par Binance : un renvoi aveugle doublerait l'ordre.)
 */
public class BinanceExchange implements Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceExchange.class);
    private static final int SENDS = 2;
    private static final int LOOKUPS = 3;

    private final BinanceHttp http;
    private final ExchangeFilters filters;
    private final Duration lookupPause;
    private final BinanceAccount account;

    /** {@code account} : le compte dont chaque lecture dit le taux de commission (null : le taux de base). */
    public BinanceExchange(BinanceHttp http, ExchangeFilters filters, Duration lookupPause, BinanceAccount account) {
        this.http = http;
        this.filters = filters;
        this.lookupPause = lookupPause;
        this.account = account;
    }

    @Override
    public void prepare(int orders, Executor calls) {
        http.warm(orders, calls);
        // les statuts et filtres des paires relus en fond s'ils sont vieux : le plan ne les attend pas
        calls.execute(filters::refreshIfStale);
    }

    @Override
    public OrderFill place(OrderRequest order) {
        return place(order, () -> true);
    }

    @Override
    public OrderFill place(OrderRequest order, BooleanSupplier mayResend) {
        for (int send = 1; send <= SENDS; send++) {
            if (send > 1 && !mayResend.getAsBoolean()) {
                // la bourse ne l'a jamais reçu, et le signal ne peut plus passer d'ordre (une pause confirmée pendant l'attente)
                throw new OrderNotSentException(order.pair() + " " + order.side() + " never reached Binance and is not sent again");
            }
            // l'échéance se compte du dernier timestamp réellement signé (après un 429 ou un -1021, c'est le second)
            long[] signedAt = {http.now()};
            try {
                JsonNode answer = http.signed("POST", "/api/v3/order", orderParams(order), at -> signedAt[0] = at);
                return BinanceFills.read(order.pair(), order.side(), answer, answer.path("fills"));
            } catch (BinanceApiException e) {
                if (!e.outcomeUnknown()) {
                    throw new OrderRejectedException(e.getMessage(), e.code());
                }
                LOG.warn("Order {} {} {}: outcome unknown ({}); asking Binance before any resend",
                        order.clientOrderId(), order.side(), order.pair(), e.getMessage());
                Optional<OrderFill> found = lookUpAfter(order, signedAt[0]);
                if (found.isPresent()) {
                    return found.get();
                }
                LOG.warn("Order {} never reached Binance: sending it again", order.clientOrderId());
            }
        }
        throw new OrderOutcomeUnknownException(order.pair() + " " + order.side() + ": no answer from Binance after "
                + SENDS + " sends (client order id " + order.clientOrderId() + ")");
    }

    /** Reprise après un crash : l'envoi interrompu date au plus de maintenant. */
    @Override
    public Optional<OrderFill> find(OrderRequest order) {
        try {
            return lookUpAfter(order, http.now());
        } catch (BinanceApiException e) {
            throw new OrderOutcomeUnknownException(order.pair() + " " + order.side() + ": cannot ask Binance ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Ce que Binance a sous ce client order id. « Inconnu » n'est cru qu'une fois passé le recvWindow
     * de l'envoi (plus une marge) : au-delà, Binance n'exécute plus cette requête, un renvoi ne peut
     * donc pas doubler l'ordre.
     */
    private Optional<OrderFill> lookUpAfter(OrderRequest order, long signedAtMillis) {
        Optional<OrderFill> found = lookUp(order);
        if (found.isPresent()) {
            return found;
        }
        long deadline = signedAtMillis + http.recvWindow().plus(lookupPause).toMillis();
        sleepNanos((deadline - http.now()) * 1_000_000L);
        return lookUp(order);
    }

    /** GET /api/v3/order, relu quelques fois si la bourse ne répond pas ou si l'ordre est encore en cours. */
    private Optional<OrderFill> lookUp(OrderRequest order) {
        BinanceApiException last = null;
        for (int attempt = 1; attempt <= LOOKUPS; attempt++) {
            try {
                JsonNode found = http.signed("GET", "/api/v3/order",
                        Map.of("symbol", order.pair(), "origClientOrderId", order.clientOrderId()));
                if (BinanceFills.done(found)) {
                    JsonNode trades = http.signed("GET", "/api/v3/myTrades",
                            Map.of("symbol", order.pair(), "orderId", found.path("orderId").asText()));
                    return Optional.of(BinanceFills.read(order.pair(), order.side(), found, trades));
                }
                last = new BinanceApiException(200, 0, "order still " + found.path("status").asText());
            } catch (BinanceApiException e) {
                if (e.orderUnknown()) {
                    return Optional.empty();
                }
                if (!e.outcomeUnknown() && !e.rateLimited()) {
                    // la relecture elle-même est refusée (clé, paramètre) : l'issue de l'ordre reste inconnue
                    throw new OrderOutcomeUnknownException(order.pair() + " " + order.side() + ": cannot ask Binance about "
                            + order.clientOrderId() + " (" + e.getMessage() + ")");
                }
                last = e;
            }
            if (attempt < LOOKUPS) {
                pause(attempt);
            }
        }
        throw new OrderOutcomeUnknownException(order.pair() + " " + order.side() + ": Binance cannot tell whether "
                + order.clientOrderId() + " exists (" + last.getMessage() + ")");
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderOutcomeUnknownException("interrupted while asking Binance");
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(lookupPause.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderOutcomeUnknownException("interrupted while asking Binance");
        }
    }

    /** Binance ne fait pas de crédit : les frais d'un achat live sont pris sur la quantité achetée. */
    @Override
    public BigDecimal spendable(BigDecimal cash) {
        return cash;
    }

    @Override
    public BigDecimal cost(BigDecimal quoteAmount) {
        return quoteAmount;
    }

    @Override
    public OrderRules rules() {
        return filters;
    }

    /** Prise sur ce qui est reçu, au taux « taker » que la dernière lecture du compte a dit (aucune requête de plus). */
    @Override
    public Commission commission() {
        BigDecimal rate = account == null ? null : account.takerCommission();
        return new Commission(rate == null ? Commission.BINANCE_STANDARD : rate, false);
    }

    private Map<String, String> orderParams(OrderRequest order) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", order.pair());
        params.put("side", order.side().name());
        params.put("type", "MARKET");
        if (order.side() == Side.BUY) {
            params.put("quoteOrderQty", Money.toDb(order.quoteAmount()));
        } else {
            params.put("quantity", Money.toDb(order.quantity()));
        }
        params.put("newClientOrderId", order.clientOrderId());
        params.put("newOrderRespType", "FULL");
        // un ordre limite de l'utilisateur de l'autre côté n'est jamais annulé par le suiveur (trading.md)
        String stp = filters.stpMode(order.pair());
        if (stp != null) {
            params.put("selfTradePreventionMode", stp);
        }
        return params;
    }
}
