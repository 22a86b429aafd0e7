package com.calvalot.exchange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.binance.connector.client.utils.signaturegenerator.HmacSignatureGenerator;
import com.calvalot.json.Json;
import com.calvalot.metrics.Meters;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les appels REST Binance, publics et signés (HMAC-SHA256 de la requête, X-MBX-APIKEY,
 * timestamp, recvWindow). La signature vient du connecteur binance-connector-java ; le transport
 * est le nôtre ({@link BinanceTransport}, partagé par les prix publics et les appels signés), parce
 * que le connecteur (3.4.1) ne laisse pas lire Retry-After, impose System.currentTimeMillis() comme
 * timestamp (impossible de corriger un décalage d'horloge après -1021), journalise l'URL signée
 * complète et charge sa propre pile HTTP (OkHttp et Kotlin).
 */
public class BinanceHttp {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceHttp.class);

    private final String baseUrl;
    private final String apiKey;
    private final HmacSignatureGenerator signer;
    private final BinanceRateGate gate;
    private final Clock clock;
    private final Duration maxGateWait;
    private final Duration recvWindow;
    private final BinanceTransport http;
    private volatile long clockOffsetMs;

    public BinanceHttp(BinanceTransport http, String baseUrl, String apiKey, String apiSecret, BinanceRateGate gate,
                       Clock clock, Duration maxGateWait, Duration recvWindow) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.signer = apiSecret == null ? null : new HmacSignatureGenerator(apiSecret);
        this.gate = gate;
        this.clock = clock;
        this.maxGateWait = maxGateWait;
        this.recvWindow = recvWindow;
        this.http = http;
    }

    /** Ouvre d'avance les connexions d'une vague de {@code orders} ordres (voir BinanceTransport#warm). */
    public void warm(int orders, Executor calls) {
        http.warm(baseUrl, orders, calls);
    }

    public JsonNode publicGet(String path, Map<String, String> params) {
        return call("GET", path, query(params), false);
    }

    /**
     * Un appel signé. Après -1021, l'horloge est recalée sur /api/v3/time et l'appel refait une fois ;
     * après un 429/418, refait une fois quand le feu se rouvre (s'il se rouvre assez tôt).
     */
    public JsonNode signed(String method, String path, Map<String, String> params) {
        return signed(method, path, params, sentAt -> { });
    }

    /**
     * Idem ; {@code onSigned} reçoit, à chaque envoi, l'heure locale (ms) du timestamp signé. La
     * signature se fait APRÈS l'attente du feu Retry-After : un timestamp signé avant une longue
     * attente serait refusé (-1021) et l'échéance « demander avant de renvoyer » serait fausse.
     */
    public JsonNode signed(String method, String path, Map<String, String> params, LongConsumer onSigned) {
        boolean clockSynced = false;
        boolean waitedForRateLimit = false;
        while (true) {
            try {
                gate.awaitOpen(maxGateWait);
                long signedAt = clock.millis();
                String query = signedQuery(params, signedAt);
                onSigned.accept(signedAt);
                return call(method, path, query, true);
            } catch (BinanceApiException e) {
                if (e.clockSkew() && !clockSynced) {
                    clockSynced = true;
                    syncClock();
                } else if (e.rateLimited() && !waitedForRateLimit) {
                    // un 429/418 n'a rien exécuté : une seule relance, après le Retry-After (le feu attend)
                    waitedForRateLimit = true;
                } else {
                    throw e;
                }
            }
        }
    }

    /** L'heure locale (ms) sur laquelle se comptent les échéances des requêtes signées. */
    public long now() {
        return clock.millis();
    }

    /** Passé ce délai après son timestamp, Binance refuse d'exécuter une requête signée. */
    public Duration recvWindow() {
        return recvWindow;
    }

    /** Recale le décalage entre notre horloge et celle de Binance. */
    public void syncClock() {
        long before = clock.millis();
        long server = publicGet("/api/v3/time", Map.of()).path("serverTime").asLong();
        long after = clock.millis();
        clockOffsetMs = server - (before + after) / 2;
        LOG.warn("Clock offset with Binance resynchronised: {} ms", clockOffsetMs);
    }

    private String signedQuery(Map<String, String> params, long localMillis) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("recvWindow", String.valueOf(recvWindow.toMillis()));
        all.put("timestamp", String.valueOf(localMillis + clockOffsetMs));
        String query = query(all);
        return query + "&signature=" + signer.getSignature(query);
    }

    private static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private JsonNode call(String method, String path, String query, boolean withKey) {
        gate.awaitOpen(maxGateWait);
        BinanceTransport.Answer answer;
        try {
            answer = http.send(method, baseUrl + path + (query.isEmpty() ? "" : "?" + query), withKey ? apiKey : null);
        } catch (IOException e) {
            Meters.exchangeRequest(path, 0);
            throw new BinanceApiException(BinanceApiException.NO_ANSWER, 0, method + " " + path + ": no answer ("
                    + e.getClass().getSimpleName() + ")");
        }
        int status = answer.status();
        Meters.exchangeRequest(path, status);
        if (status == 429 || status == 418) {
            Duration wait = BinanceRateGate.retryAfter(answer.retryAfter());
            gate.block(wait);
            LOG.warn("Binance answered {} to {} {}: every call paused for {} s", status, method, path, wait.toSeconds());
        }
        if (status >= 200 && status < 300) {
            return parse(answer.body(), method, path);
        }
        throw error(status, answer.body(), method, path);
    }

    private static JsonNode parse(String body, String method, String path) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BinanceApiException(502, 0, method + " " + path + ": unreadable answer");
        }
    }

    private static BinanceApiException error(int status, String body, String method, String path) {
        int code = 0;
        String message = "HTTP " + status;
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            code = json.path("code").asInt(0);
            message = json.path("msg").asText(message);
        } catch (IOException | RuntimeException ignored) {
            // corps non JSON (page d'erreur d'un proxy) : le statut suffit
        }
        return new BinanceApiException(status, code, method + " " + path + ": " + message + (code == 0 ? "" : " (" + code + ")"));
    }
}
