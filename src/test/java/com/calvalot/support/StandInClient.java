package com.calvalot.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** Des requêtes brutes vers la doublure Binance, signées comme le suiveur les signe : pour tester la doublure elle-même. */
final class StandInClient {

    /** Une réponse : statut, corps, corps lu en JSON. */
    record Answer(int status, String body, JsonNode json) {
    }

    private final FakeBinance binance;
    private final String key;
    private final String secret;
    private final HttpClient http = HttpClient.newHttpClient();

    StandInClient(FakeBinance binance, String key, String secret) {
        this.binance = binance;
        this.key = key;
        this.secret = secret;
    }

    /** Signée comme le suiveur : recvWindow, timestamp, puis la signature en dernier. */
    Answer signed(String method, String path, String query) {
        String full = query + (query.isEmpty() ? "" : "&") + "recvWindow=5000&timestamp=" + binance.serverTime();
        return send(method, path, sign(full));
    }

    /** La requête telle quelle, sa signature ajoutée. */
    String sign(String query) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return query + "&signature=" + HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Answer get(String pathAndQuery) {
        return call(HttpRequest.newBuilder(URI.create(binance.baseUrl() + pathAndQuery)).GET().build());
    }

    Answer send(String method, String path, String query) {
        return call(HttpRequest.newBuilder(URI.create(binance.baseUrl() + path + "?" + query)).header("X-MBX-APIKEY", key)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private Answer call(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), Json.MAPPER.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
