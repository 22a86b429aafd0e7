package com.calvalot.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.json.Json;

/**
 * Le serveur HTTP du processus, ouvert une fois et gardé d'une application à l'autre (la page
 * d'installation reconstruit l'application sans que le port ne ferme jamais). Il borne ce qu'un
 * inconnu peut coûter avant même d'être authentifié : en-têtes courts et lus en 10 s au plus, connexions
 * inactives fermées, requêtes enchaînées sans lecture des réponses coupées ({@link UnansweredRequests}),
 * et un plafond de connexions — au-delà, la plus ancienne connexion qui n'attend rien est fermée pour
 * faire place (muette : aucune requête complète ; ou servie : toutes ses réponses parties, une
 * connexion keep-alive au repos, qu'un navigateur rouvre sans rien dire) ; si toutes attendent une
 * réponse, 503.
 * Entre deux applications (démarrage, arrêt, passage de relais), chaque requête reçoit 503 en JSON.
 */
public final class FrontDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

    /** Une connexion qui n'a pas fini sa première requête (en-têtes compris) dans ce délai est fermée. */
    public static final int HEADER_TIMEOUT_SECONDS = 10;
    /**
     * Sans rien lire ni écrire pendant ce délai, une connexion est fermée : plus long que la plus longue
     * réponse (POST /api/agent/poll attend un cycle jusqu'à 60 s).
     */
    public static final int IDLE_TIMEOUT_SECONDS = 75;
    /** Les en-têtes d'un navigateur tiennent en 2 Kio ; Basic compris, 4 Kio suffisent. */
    public static final int MAX_HEADER_SIZE = 4096;
    public static final int MAX_INITIAL_LINE = 2048;
    /** Une page ouvre 6 connexions ; un Raspberry Pi n'en sert pas utilement des milliers. */
    public static final int MAX_CONNECTIONS = 128;

    private final Vertx vertx;
    private final HttpServer server;
    private volatile Handler<HttpServerRequest> inside;
    private volatile String closedReason = "starting";
    /**
     * Les connexions qui n'attendent rien, la plus ancienne d'abord : ce sont elles que l'on ferme pour
     * faire place. La valeur : le minuteur des en-têtes d'une connexion muette (un client honnête envoie
     * sa requête aussitôt), {@link #SERVED} pour une connexion dont toutes les réponses sont parties.
     */
    private final LinkedHashMap<HttpConnection, Long> evictable = new LinkedHashMap<>();
    private static final long SERVED = -1;
    private final java.util.Set<HttpConnection> overCap = new java.util.HashSet<>();
    private int open;
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();

    private FrontDoor(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Ouvre le port (ou lève l'erreur de bind, port déjà pris par exemple). */
    public static FrontDoor listen(String host, int port) {
        // les réglages par défaut de Vert.x, ceux du Vert.x que Camel créait : 20 fils de travail pour
        // les routes (le hachage des mots de passe a son propre fil) ; deux boucles suffisent à deux cœurs
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxHeaderSize(MAX_HEADER_SIZE).setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setDecompressionSupported(false).setHandle100ContinueAutomatically(false)
                // HTTP/1.1 seulement : aucun navigateur ne parle h2c, et une connexion promue en HTTP/2
                // ne serait plus celle que l'on compte ici
                .setHttp2ClearTextEnabled(false);
        FrontDoor door = new FrontDoor(vertx, vertx.createHttpServer(options));
        door.server.connectionHandler(door::connected).requestHandler(door::request);
        try {
            door.server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        return door;
    }

    public Vertx vertx() {
        return vertx;
    }

    public int port() {
        return server.actualPort();
    }

    /** Les requêtes vont désormais à ce routeur (celui de l'application qui vient de démarrer). */
    public void open(Handler<HttpServerRequest> router) {
        inside = router;
    }

    /** Plus aucune requête n'entre (arrêt, ou réglages enregistrés) : 503 jusqu'au prochain open. */
    public void close(String reason) {
        closedReason = reason;
        inside = null;
    }

    public boolean isOpen() {
        return inside != null;
    }

    /** Connexions fermées pour faire de la place, et requêtes refusées (503) faute de place. */
    public long evicted() {
        return evicted.get();
    }

    public long refused() {
        return refused.get();
    }

    /** Connexions fermées pour avoir enchaîné des requêtes sans lire les réponses (UnansweredRequests). */
    public long cutOff() {
        return cutOff.get();
    }

    private void connected(HttpConnection connection) {
        watchUnanswered(connection);
        HttpConnection victim = null;
        boolean full = false;
        synchronized (this) {
            open++;
            if (open > MAX_CONNECTIONS) {
                Iterator<Map.Entry<HttpConnection, Long>> oldest = evictable.entrySet().iterator();
                if (oldest.hasNext()) {
                    Map.Entry<HttpConnection, Long> first = oldest.next();
                    victim = first.getKey();
                    cancel(first.getValue());
                    oldest.remove();
                } else {
                    full = true;
                    overCap.add(connection);
                }
            }
            // des en-têtes qui n'en finissent pas (slowloris) : fermée au bout du délai, même sous le plafond ;
            // le minuteur est annulé dès la première requête ou la fermeture (il retiendrait la connexion)
            long[] timer = new long[1];
            timer[0] = vertx.setTimer(HEADER_TIMEOUT_SECONDS * 1000L, ignored -> {
                boolean stillSilent;
                synchronized (this) {
                    stillSilent = evictable.remove(connection, timer[0]);
                }
                if (stillSilent) {
                    connection.close();
                }
            });
            evictable.put(connection, timer[0]);
        }
        connection.closeHandler(ignored -> {
            synchronized (this) {
                open--;
                forget(connection);
                overCap.remove(connection);
            }
        });
        if (victim != null) {
            evicted.incrementAndGet();
            victim.close();
        }
        if (full && refused.get() == 0) {
            LOG.warn("HTTP: {} connections busy, new ones are answered 503 until some close", MAX_CONNECTIONS);
        }
    }

    private void request(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        boolean full;
        synchronized (this) {
            full = overCap.contains(connection);
        }
        if (full) {
            refused.incrementAndGet();
            request.response().putHeader("Connection", "close").putHeader("Retry-After", "5");
            answer(request, 503, "too many connections; try again in a few seconds");
            return;
        }
        Handler<HttpServerRequest> router = inside;
        if (router == null) {
            request.response().putHeader("Retry-After", "1");
            answer(request, 503, "Calv-a-lot is " + closedReason + "; try again in a second");
            return;
        }
        // ce que le routeur de Vert.x ne sait pas traiter sans une trace de pile : pas d'hôte, « * »
        if (request.authority() == null || !request.uri().startsWith("/")) {
            request.response().putHeader("Connection", "close");
            answer(request, 400, request.authority() == null ? "a Host header is required" : "bad request target");
            return;
        }
        router.handle(request);
    }

    /**
     * Le compteur de requêtes sans réponse, entre le décodeur HTTP et Vert.x : Vert.x 4 n'a pas de
     * réglage pour le pipelining côté serveur. Ce gestionnaire est appelé pendant la construction du
     * pipeline de la connexion, avant qu'aucun octet ne soit lu. Il dit aussi quand la connexion
     * attend une réponse (elle n'est plus à évincer) et quand elle n'attend plus rien (elle l'est).
     */
    private void watchUnanswered(HttpConnection connection) {
        if (!(connection instanceof io.vertx.core.net.impl.ConnectionBase base)) {
            return;
        }
        base.channel().pipeline().addBefore("handler", "unansweredRequests", new UnansweredRequests(new UnansweredRequests.Watcher() {
            @Override
            public void busy() {
                synchronized (FrontDoor.this) {
                    forget(connection);
                }
            }

            @Override
            public void idle() {
                synchronized (FrontDoor.this) {
                    if (!evictable.containsKey(connection) && !overCap.contains(connection)) {
                        evictable.put(connection, SERVED);
                    }
                }
            }

            @Override
            public void cut() {
                long n = cutOff.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("HTTP: closed a connection from {} that sent requests without reading the answers "
                            + "({} connection{} closed so far)", base.remoteAddress().host(), n, n == 1 ? "" : "s");
                }
            }
        }));
    }

    /** La connexion attend une réponse (ou a fermé) : plus à évincer, son minuteur d'en-têtes n'a plus lieu d'être. */
    private void forget(HttpConnection connection) {
        Long timer = evictable.remove(connection);
        if (timer != null) {
            cancel(timer);
        }
    }

    private void cancel(long timer) {
        if (timer != SERVED) {
            vertx.cancelTimer(timer);
        }
    }

    /** Une réponse JSON {"error": …} avec les en-têtes de sécurité, sans passer par le routeur. */
    static void answer(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        SecurityHeaders.putOn(response, true);
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.write(Map.of("error", message)));
    }

    @Override
    public void close() {
        close("stopping");
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        }
        vertx.close();
    }
}
