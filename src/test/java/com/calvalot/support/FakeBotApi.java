package com.calvalot.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Un Bot API Telegram strict sur 127.0.0.1 : seul {@code /bot<token>/getUpdates} et
 * {@code /bot<token>/sendMessage} répondent (404 sinon, comme Telegram). getUpdates exige un long
 * polling, tient la requête jusqu'à un message (2 s au plus), et vérifie les offsets : une
 * mise à jour confirmée n'est jamais rendue, un offset qui saute une mise à jour non livrée est noté.
 * sendMessage exige du JSON, la conversation attendue, et pas de parse_mode. Une réponse d'erreur
 * (401, 429 avec retry_after…) peut être programmée pour le prochain appel d'une méthode.
 */
public final class FakeBotApi implements AutoCloseable {

    /** Un appel reçu : la méthode, l'offset (getUpdates) et l'instant. */
    public record Call(String method, Long offset, Instant at) {
    }

    private record Scripted(int status, String body) {
    }

    private final String token;
    private final String chatId;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Deque<Map<String, Object>> pending = new ArrayDeque<>();
    private final Map<String, Deque<Scripted>> faults = new HashMap<>();
    private long nextUpdateId = 1000;
    private long lastDelivered = -1;
    private boolean closed;

    public FakeBotApi(String token, String chatId) {
        this.token = token;
        this.chatId = chatId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** La valeur de TELEGRAM_API_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Un message tapé par quelqu'un dans la conversation {@code fromChat} (privée : la personne est la conversation). */
    public void userSends(String fromChat, String text) {
        send(fromChat, "private", Long.parseLong(fromChat), text);
    }

    /** Un message tapé par le membre {@code user} du groupe {@code chatId}. */
    public void memberSends(String chatId, long user, String text) {
        send(chatId, "group", user, text);
    }

    private synchronized void send(String fromChat, String type, long user, String text) {
        long id = nextUpdateId++;
        Map<String, Object> chat = Map.of("id", Long.parseLong(fromChat), "type", type);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", id);
        message.put("date", Instant.now().getEpochSecond());
        message.put("chat", chat);
        message.put("from", Map.of("id", user, "is_bot", false, "first_name", "Member " + user));
        message.put("text", text);
        pending.add(Map.of("update_id", id, "message", message));
        notifyAll();
    }

    /** Le prochain appel de {@code method} reçoit cette réponse. */
    public synchronized void failNext(String method, int status, String body) {
        faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Scripted(status, body));
        notifyAll();
    }

    public List<String> sent() {
        return List.copyOf(sent);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Ce que le bot a fait de travers (mauvais chemin, offset, conversation, parse_mode) ; vide s'il est correct. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Le texte des messages envoyés, attendus au nombre de {@code count} au moins. */
    public List<String> awaitSent(int count) {
        Await.until(count + " sendMessage call(s)", Duration.ofSeconds(20), () -> sent.size() >= count);
        return sent();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                violations.add("a call without the bot token path: " + exchange.getRequestMethod() + " "
                        + path.replace(token, "<token>"));
                answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
                return;
            }
            String method = path.substring(prefix.length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Long offset = query.containsKey("offset") ? Long.valueOf(query.get("offset")) : null;
            calls.add(new Call(method, offset, Instant.now()));
            Scripted fault = nextFault(method);
            if (fault != null) {
                answer(exchange, fault.status(), fault.body());
                return;
            }
            switch (method) {
                case "getUpdates" -> getUpdates(exchange, offset, query);
                case "sendMessage" -> sendMessage(exchange);
                default -> answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Scripted nextFault(String method) {
        Deque<Scripted> queue = faults.get(method);
        return queue == null ? null : queue.poll();
    }

    private void getUpdates(HttpExchange exchange, Long offset, Map<String, String> query)
            throws IOException, InterruptedException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"POST".equals(exchange.getRequestMethod())) {
            violations.add("getUpdates with " + exchange.getRequestMethod());
        }
        long timeout = Long.parseLong(query.getOrDefault("timeout", "0"));
        if (timeout < 1 || timeout > 50) {
            violations.add("getUpdates without a long-poll timeout: " + timeout);
        }
        // Telegram peut rendre une liste vide avant le délai : 2 s au plus ici, pour que l'application
        // de test s'arrête vite (un poll en vol retient l'arrêt)
        long timeoutMs = Math.min(2, timeout) * 1000;
        List<Map<String, Object>> updates = new ArrayList<>();
        synchronized (this) {
            if (offset != null && offset > lastDelivered + 1 && lastDelivered >= 0) {
                violations.add("offset " + offset + " skips past the last delivered update " + lastDelivered);
            }
            // l'offset confirme les mises à jour qui le précèdent : Telegram les oublie
            while (!pending.isEmpty() && offset != null && ((Number) pending.peek().get("update_id")).longValue() < offset) {
                pending.poll();
            }
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (pending.isEmpty() && !closed && System.currentTimeMillis() < deadline && !hasFault("getUpdates")) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            for (Map<String, Object> update : pending) {
                if (updates.size() >= limit) {
                    break;
                }
                long id = ((Number) update.get("update_id")).longValue();
                if (id <= lastDelivered && offset != null && id < offset) {
                    violations.add("update " + id + " delivered again");
                }
                updates.add(update);
                lastDelivered = Math.max(lastDelivered, id);
            }
        }
        answer(exchange, 200, Json.write(Map.of("ok", true, "result", updates)));
    }

    private synchronized boolean hasFault(String method) {
        Deque<Scripted> queue = faults.get(method);
        return queue != null && !queue.isEmpty();
    }

    private void sendMessage(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith("application/json")) {
            violations.add("sendMessage not a JSON POST: " + exchange.getRequestMethod() + " " + type);
            answer(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
            return;
        }
        JsonNode message = Json.MAPPER.readTree(body);
        if (!chatId.equals(message.path("chat_id").asText())) {
            violations.add("sendMessage to chat " + message.path("chat_id").asText());
        }
        if (message.has("parse_mode")) {
            violations.add("sendMessage with parse_mode " + message.path("parse_mode").asText());
        }
        String text = message.path("text").asText();
        if (text.isEmpty() || text.length() > 4096) {
            violations.add("sendMessage with a text of " + text.length() + " characters");
        }
        sent.add(text);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message_id", sent.size());
        result.put("date", Instant.now().getEpochSecond());
        result.put("chat", Map.of("id", Long.parseLong(chatId), "type", "private"));
        result.put("text", text);
        answer(exchange, 200, Json.write(Map.of("ok", true, "result", result)));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
