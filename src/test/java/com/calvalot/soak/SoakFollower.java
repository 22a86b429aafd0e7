package com.calvalot.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;

/**
 * Le suiveur du soak : l'application réelle (routes de ./routes, SQLite sur disque) dans une JVM
 * fille lancée avec les options JVM du conteneur, tuée par kill -9 (destroyForcibly) et relancée
 * sur la même base. Les doublures restent dans la JVM du test et survivent à ses redémarrages.
 */
final class SoakFollower implements AutoCloseable {

    /** Les délais Binance courts (comme ShortBinanceDelays) et une reprise toutes les 0,5 s. */
    static final List<String> SHORT_DELAYS = List.of("-Dcalvalot.binance.timeoutMs=1500",
            "-Dcalvalot.binance.recvWindowMs=1000", "-Dcalvalot.binance.lookupPauseMs=100", "-Dcalvalot.trade.retryMs=500",
            "-Dcalvalot.disk.checkMs=500");

    /** Une réponse HTTP du suiveur ; status -1 : pas de réponse (processus mort, connexion coupée). */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }

        /** 503 qui dit le disque plein (/health, api.md) : une réponse honnête tant que le disque l'est. */
        boolean diskFull() {
            return status == 503 && body.contains("disk_full");
        }
    }

    private final Map<String, String> env;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChildProcess process;
    private int starts;
    private final StringBuilder deadLogs = new StringBuilder();

    private final BooleanSupplier diskFull;

    SoakFollower(Map<String, String> env, Path dir, BooleanSupplier diskFull) {
        this.env = env;
        this.dir = dir;
        this.diskFull = diskFull;
        this.port = Integer.parseInt(env.get("PORT"));
    }

    void start() {
        starts++;
        process = ChildProcess.start(env, dir.resolve("logs-" + starts), SHORT_DELAYS);
        try {
            Await.until("the follower's /health after start " + starts, Duration.ofSeconds(90), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the follower exited at start: " + tail(process.stderr() + process.stdout()));
                }
                Answer health = get("/health");
                return health.ok() || diskFull.getAsBoolean() && health.diskFull();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(process.stdout() + process.stderr()), e);
        }
    }

    /** kill -9 : aucun arrêt propre, aucune écriture de fin. */
    void kill9() {
        deadLogs.append(process.stdout()).append(process.stderr());
        process.kill();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Duration.ofSeconds(30));
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)),
                Duration.ofSeconds(90));
    }

    /** POST /api/agent/poll sans l'attendre (pour tuer le suiveur pendant le cycle). */
    CompletableFuture<Answer> pollAsync() {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/agent/poll")).timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body()))
                .exceptionally(e -> new Answer(-1, String.valueOf(e.getMessage())));
    }

    private Answer send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> answer = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** La fin des journaux du suiveur (toutes ses vies), pour le rapport d'une violation. */
    String logTail() {
        String now = process == null ? "" : process.stdout() + process.stderr();
        return tail(deadLogs + now);
    }

    private static String tail(String logs) {
        return logs.length() <= 6000 ? logs : "…" + logs.substring(logs.length() - 6000);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.terminate();
            try {
                process.waitForExit(Duration.ofSeconds(20));
            } catch (AssertionError e) {
                process.close();
            }
        }
    }
}
