package com.calvalot.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import com.calvalot.AppVersion;
import com.calvalot.CalvALotApp;
import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.json.Json;
import com.calvalot.security.FrontDoor;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * L'application réelle (routes YAML de ./routes, base SQLite réelle, HTTP réel sur 127.0.0.1),
 * démarrée dans le processus de test avec un environnement donné.
 */
public final class RunningApp implements AutoCloseable {

    private final ConfigurationSource source;
    private final Clock clock;
    private volatile Main main;
    private volatile Settings settings;
    private FrontDoor door;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningApp(ConfigurationSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** L'environnement de base d'un test : une base dans {@code dataDir}, un port libre. */
    public static Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_PATH", dataDir.resolve("calvalot.db").toString());
        env.put("PORT", String.valueOf(freePort()));
        env.put("ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
        // Jamais Internet dans un test : sans bourse de test, les prix viennent d'un port fermé.
        env.put("BINANCE_BASE_URL", "http://127.0.0.1:1");
        // configuré (un leader sur un port fermé) : en mode installation, seule la page /setup répond ;
        // un test du mode installation retire LEADER_URL
        env.put("LEADER_URL", "http://127.0.0.1:9");
        env.put("SIGNAL_SECRET", "test-secret-unused");
        return env;
    }

    /** L'environnement d'un premier démarrage, sans leader : le mode installation (setup.md). */
    public static Map<String, String> setupEnv(Path dataDir) {
        Map<String, String> env = env(dataDir);
        env.remove("LEADER_URL");
        env.remove("SIGNAL_SECRET");
        return env;
    }

    public static RunningApp start(Map<String, String> env) {
        return start(env, Clock.systemUTC());
    }

    /** Comme CalvALot : l'environnement, puis config.json à côté de la base, puis les défauts. */
    public static RunningApp start(Map<String, String> env, Clock clock) {
        RunningApp app = new RunningApp(new ConfigurationSource(env, AppVersion.project()), clock);
        try {
            app.launch();
        } catch (RuntimeException e) {
            if (app.door != null) {
                app.door.close();
            }
            throw e;
        }
        return app;
    }

    private synchronized void launch() {
        settings = source.load();
        if (door == null) {
            door = FrontDoor.listen("127.0.0.1", settings.port());
        }
        main = CalvALotApp.create(source, settings, clock, door, this::restartConfigured);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("the app did not start", e);
        }
    }

    /** Ce que fait CalvALot quand la page d'installation a enregistré : l'application reconstruite. */
    private void restartConfigured() {
        Thread restart = new Thread(() -> {
            synchronized (this) {
                try {
                    main.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                launch();
            }
        }, "test-app-restart");
        restart.start();
    }

    public Settings settings() {
        return settings;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** La base de l'application, pour vérifier ce qu'elle a écrit. */
    public com.calvalot.db.Sql sql() {
        return context().getRegistry().lookupByNameAndType("sql", com.calvalot.db.Sql.class);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + settings.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").method(method, body));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(70)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/agent/poll : un cycle maintenant (ou celui en cours) ; son issue, en JSON. */
    public JsonNode poll() {
        HttpResponse<String> answer = send("POST", "/api/agent/poll", null);
        if (answer.statusCode() != 200) {
            throw new AssertionError("POST /api/agent/poll answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            door.close();
        }
    }

    /** La porte d'entrée HTTP de cette application (connexions comptées, fermées, refusées). */
    public FrontDoor door() {
        return door;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
