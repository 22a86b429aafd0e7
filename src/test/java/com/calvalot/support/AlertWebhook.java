package com.calvalot.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.calvalot.json.Json;
import com.sun.net.httpserver.HttpServer;

/**
 * Un webhook d'alertes sur 127.0.0.1 (ALERT_WEBHOOK_URL) qui garde le champ {@code alert} de chaque
 * POST reçu, dans l'ordre : de quoi compter les alertes d'un type.
 */
public final class AlertWebhook implements AutoCloseable {

    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public AlertWebhook() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                alerts.add(Json.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).path("alert").asText());
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    /** La valeur d'ALERT_WEBHOOK_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Les alertes reçues dont le texte commence par {@code prefix} (« signal_error: », « trades: »…). */
    public List<String> of(String prefix) {
        return alerts.stream().filter(a -> a.startsWith(prefix)).toList();
    }

    /** Les alertes partent sur leur propre fil : attend qu'il y en ait au moins {@code count}. */
    public List<String> await(String prefix, int count) {
        Await.until(count + " alert(s) " + prefix, Duration.ofSeconds(10), () -> of(prefix).size() >= count);
        return of(prefix);
    }

    public List<String> all() {
        return List.copyOf(alerts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
