package com.calvalot.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.calvalot.leader.LeaderRequestSigner;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Un leader Cash-a-lot de test sur 127.0.0.1, strict comme le vrai : il vérifie la signature HMAC
 * et une fenêtre de fraîcheur de 300 s (403 sinon) avant de répondre ce qu'on lui dit de répondre :
 * un signal, 204, 404, 500, du HTML, des déchets, un corps énorme, une réponse lente ou coupée.
 */
public class FakeLeader implements AutoCloseable {

    static {
        // le réglage du serveur HTTP du JDK est lu une fois, à la création du premier serveur : la
        // doublure du leader, souvent créée avant celle de Binance, doit le poser elle aussi (voir FakeBinance)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private volatile long signalAnsweredAtMillis;

    public enum Mode { SIGNAL, NO_SIGNAL, DISABLED, SERVER_ERROR, HTML, GARBAGE, HUGE, SLOW, DROP }

    /** Une requête reçue : ses en-têtes utiles et si la signature était bonne. */
    public record Request(String timestamp, String signature, String followerVersion, String cookie, boolean accepted) {
    }

    public static final int FRESHNESS_SECONDS = 300;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final byte[] secret;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Mode mode = Mode.NO_SIGNAL;
    private volatile String signal;
    private final AtomicInteger hugeCutShort = new AtomicInteger();
    private final AtomicInteger hugeReadWhole = new AtomicInteger();
    /** L'heure du leader : celle du suiveur quand un test la fait avancer (sinon tout serait « trop vieux »). */
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();
    private volatile long firstSignalAnswerMillis;

    public FakeLeader(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/api/signal/latest", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void useClock(java.time.Clock shared) {
        this.clock = shared;
    }

    public void publish(String signalJson) {
        this.firstSignalAnswerMillis = 0;
        this.signal = signalJson;
        this.mode = Mode.SIGNAL;
    }

    public void answer(Mode mode) {
        this.mode = mode;
    }

    /** L'heure (ms Unix) où le signal publié a été envoyé en entier pour la première fois (0 : pas encore). */
    public long firstSignalAnswerMillis() {
        return firstSignalAnswerMillis;
    }

    public List<Request> requests() {
        return requests;
    }

    /** L'heure (ms) à laquelle le dernier signal a fini de partir : le départ d'une mesure de copie. */
    public long signalAnsweredAtMillis() {
        return signalAnsweredAtMillis;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            var headers = exchange.getRequestHeaders();
            String timestamp = headers.getFirst(LeaderRequestSigner.TIMESTAMP);
            String signature = headers.getFirst(LeaderRequestSigner.SIGNATURE);
            boolean accepted = "GET".equals(exchange.getRequestMethod()) && validSignature(timestamp, signature);
            requests.add(new Request(timestamp, signature, headers.getFirst(LeaderRequestSigner.FOLLOWER_VERSION),
                    headers.getFirst("Cookie"), accepted));
            if (!accepted) {
                send(exchange, 403, "{\"error\":\"invalid signature\"}", "application/json");
                return;
            }
            switch (mode) {
                case SIGNAL -> {
                    send(exchange, 200, signal, "application/json");
                    signalAnsweredAtMillis = System.currentTimeMillis();
                    if (firstSignalAnswerMillis == 0) {
                        firstSignalAnswerMillis = System.currentTimeMillis();
                    }
                }
                case NO_SIGNAL -> exchange.sendResponseHeaders(204, -1);
                case DISABLED -> send(exchange, 404, "{\"error\":\"disabled\"}", "application/json");
                case SERVER_ERROR -> send(exchange, 500, "Internal Server Error", "text/plain");
                case HTML -> send(exchange, 200, "<html><body>Bad gateway</body></html>", "text/html");
                case GARBAGE -> send(exchange, 200, "{\"signal_id\": \"sig-1\", \"actions\": [", "application/json");
                case HUGE -> sendHuge(exchange);
                case SLOW -> {
                    awaitRelease(15);
                    send(exchange, 204, "", "application/json");
                }
                case DROP -> drop(exchange);
            }
        }
    }

    private boolean validSignature(String timestamp, String signature) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long age = Math.abs(clock.millis() / 1000 - Long.parseLong(timestamp));
        return age <= FRESHNESS_SECONDS && LeaderRequestSigner.sign(secret, timestamp).equals(signature);
    }

    /** Annonce 1000 octets, en envoie 10 et raccroche : le client voit une connexion coupée. */
    private static void drop(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 1000);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"signal_i".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            out.close();
        } catch (IOException e) {
            // attendu : la réponse est incomplète
        }
    }

    /** Combien de corps énormes le client a coupés avant la fin (connexion fermée), combien il a lus en entier. */
    public int hugeBodiesCutShort() {
        return hugeCutShort.get();
    }

    public int hugeBodiesReadWhole() {
        return hugeReadWhole.get();
    }

    /** 20 Mio de JSON valide-en-apparence, écrit par morceaux. */
    private void sendHuge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",".repeat(128)
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"signal_id\":\"huge\",\"pad\":[".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < 20L * 1024 * 1024; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"end\"]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // le client a raccroché après son plafond : c'est ce qu'on attend de lui
            hugeCutShort.incrementAndGet();
            return;
        }
        hugeReadWhole.incrementAndGet();
    }

    private void awaitRelease(int seconds) {
        try {
            release.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Set-Cookie", "session=leader-cookie");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * L'environnement d'un suiveur de ce leader et de cette bourse de test, dont les cycles sont lancés
     * à la main (POST /api/agent/poll) : le minuteur ne repasse pas avant une heure.
     */
    public static Map<String, String> followerEnv(java.nio.file.Path dataDir, FakeLeader leader, String secret,
                                                  FakeBinance binance) {
        Map<String, String> env = new java.util.HashMap<>(RunningApp.env(dataDir));
        env.putAll(env(leader, secret));
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("POLL_INTERVAL_SECONDS", "3600");
        return env;
    }

    public static Map<String, String> env(FakeLeader leader, String secret) {
        return Map.of("LEADER_URL", leader.url() + "/", "SIGNAL_SECRET", secret);
    }
}
