package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RawHttp;
import com.calvalot.support.RunningApp;

/**
 * Des inconnus sur le même réseau, sans mot de passe, contre l'application dans une JVM fille aux
 * options du conteneur (-Xmx64m, -XX:MaxDirectMemorySize=32m, -XX:+ExitOnOutOfMemoryError) :
 * des milliers de connexions qui ne finissent jamais leurs en-têtes, des dizaines de milliers de
 * connexions muettes, trente clients qui essaient des mots de passe. Le serveur tient, /health répond
 * pendant et après. Tout vise 127.0.0.x, borné en nombre et en temps.
 */
class FloodTest {

    static final int SLOW_HEADERS = 4000;
    static final int PLAIN_CONNECTIONS = 20_000;
    /** Ce que le client garde ouvert à la fois pendant la seconde vague (ses propres descripteurs). */
    static final int CLIENT_WINDOW = 2000;
    /** Le HEALTHCHECK de l'image abandonne à 5 s. */
    static final Duration HEALTH_LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void slowHeadersAndTensOfThousandsOfConnectionsNeitherKillNorStarveTheServer() throws Exception {
        Map<String, String> env = RunningApp.env(dir.resolve("data"));
        int port = Integer.parseInt(env.get("PORT"));
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            awaitHealth(app, port);
            Probe probe = Probe.start(port, "127.0.0.1");
            List<Socket> slow = new ArrayList<>();
            int slowOpened = 0;
            int plainOpened = 0;
            long started = System.nanoTime();
            try {
                byte[] partial = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never-Ends: ".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < SLOW_HEADERS; i++) {
                    Socket socket = connect(port);
                    if (socket != null) {
                        slow.add(socket);
                        slowOpened++;
                        try {
                            socket.getOutputStream().write(partial);
                        } catch (IOException e) {
                            // déjà fermée par le serveur : c'est ce qu'il doit faire
                        }
                    }
                }
                ArrayDeque<Socket> window = new ArrayDeque<>();
                for (int i = 0; i < PLAIN_CONNECTIONS; i++) {
                    Socket socket = connect(port);
                    if (socket != null) {
                        plainOpened++;
                        window.add(socket);
                    }
                    if (window.size() > CLIENT_WINDOW) {
                        closeQuietly(window.poll());
                    }
                }
                window.forEach(FloodTest::closeQuietly);
            } finally {
                slow.forEach(FloodTest::closeQuietly);
            }
            double floodSeconds = (System.nanoTime() - started) / 1e9;
            Probe.Result during = probe.stop();
            System.out.printf("Flood: %d slow-header and %d plain connections in %.1f s; /health during: %s%n",
                    slowOpened, plainOpened, floodSeconds, during);

            assertTrue(app.isAlive(), () -> "the server died under the flood: " + tail(app.stdout() + app.stderr()));
            assertTrue(slowOpened + plainOpened > (SLOW_HEADERS + PLAIN_CONNECTIONS) / 2, "the flood did not happen");
            // pendant : /health répond. Le client du flot tourne sur les mêmes deux cœurs partagés : sur une
            // machine très chargée, une sonde peut attendre dans la file d'acceptation du noyau (le temps de
            // chaque réponse est imprimé ci-dessus) ; aucune ne doit manquer d'être servie après coup
            // (une sonde toute neuve peut encore être évincée par le flot : au moins une servie pendant,
            // toutes aussitôt après ; la part des échecs pendant dépend trop de la charge pour être bornée ici)
            assertTrue(during.answered() - during.failures().size() >= 1, during.toString());
            // après : aussitôt, et dans le délai du HEALTHCHECK de l'image
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertEquals(200, health(port, "127.0.0.1").status(), "after the flood");
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(HEALTH_LIMIT) < 0, "a slow /health after the flood");
            }
            // ce qui faisait écrire au routeur une ERREUR et sa trace de pile : une réponse JSON, rien au log
            assertEquals(400, RawHttp.send(port, "GET * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").status());
            assertEquals(400, RawHttp.send(port, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n").status());
            String log = app.stdout() + app.stderr();
            assertFalse(log.contains("OutOfMemoryError"), "OutOfMemoryError in the log");
            assertNoStackTrace(log);
            assertTrue(log.contains("No API_PASSWORD_HASH: the dashboard and the API"), "the no-password warning");
        }
    }

    @Test
    void thirtyClientsGuessingPasswordsLeaveHealthAndTheRealUserAlone() throws Exception {
        String password = "the real password 42";
        Map<String, String> env = RunningApp.env(dir.resolve("data"));
        // un hachage six fois moins coûteux que le défaut : le fil de hachage reste occupé sans relâche,
        // et les adresses neuves en file (seize par réseau) sont servies dans le temps du test
        env.put("API_PASSWORD_HASH", WerkzeugHash.make(password, ManyGuessersTest.HASH_ROUNDS, new java.security.SecureRandom()));
        int port = Integer.parseInt(env.get("PORT"));
        String user = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            awaitHealth(app, port);
            assertEquals(200, get(port, "127.0.0.1", "/api/budget", user).status(), "the user logs in first");
            Probe probe = Probe.start(port, "127.0.0.1");
            ConcurrentLinkedQueue<String> statuses = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
            AtomicInteger userRefused = new AtomicInteger();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 30; c++) {
                String from = "127.0.0." + (10 + c);
                int client = c;
                Thread thread = new Thread(() -> {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        String guess = "Basic " + Base64.getEncoder().encodeToString(("mallory:guess-" + client + "-" + n)
                                .getBytes(StandardCharsets.UTF_8));
                        // la première fois, une adresse neuve attend son tour dans la voie des adresses
                        // neuves (seize places par réseau, un hachage chacune) : jusqu'à une minute ici
                        RawHttp.Answer answer = get(port, from, "/api/budget", guess, 60_000);
                        statuses.add(String.valueOf(answer.status()));
                        if (answer.status() != 401 && answer.status() != 429 && broken.size() < 5) {
                            broken.add(answer.status() + " " + answer.head());
                        }
                    }
                });
                thread.start();
                clients.add(thread);
            }
            while (System.nanoTime() < deadline) {
                if (get(port, "127.0.0.1", "/api/budget", user).status() != 200) {
                    userRefused.incrementAndGet();
                }
            }
            for (Thread client : clients) {
                client.join();
            }
            Probe.Result during = probe.stop();
            long wrong = statuses.stream().filter("401"::equals).count();
            long throttled = statuses.stream().filter("429"::equals).count();
            System.out.printf("Password flood: %d answers (%d x 401, %d x 429); /health during: %s%n",
                    statuses.size(), wrong, throttled, during);

            assertEquals(statuses.size(), wrong + throttled, "only 401 or 429, first others: " + broken);
            assertTrue(throttled > 0, "nothing was throttled");
            assertEquals(0, userRefused.get(), "the logged-in user was refused");
            assertEquals(List.of(), during.failures());
            assertTrue(during.slowest().compareTo(HEALTH_LIMIT) < 0, during.toString());
            // un corps trop gros, authentifié : 413 en JSON, sans trace au log
            String big = "{\"amount_eur\": 5, \"pad\": \"" + "x".repeat(200_000) + "\"}";
            RawHttp.Answer tooBig = RawHttp.send(port, "POST /api/budget/deposit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + user + "\r\nContent-Type: application/json\r\nContent-Length: " + big.length()
                    + "\r\nConnection: close\r\n\r\n" + big);
            assertEquals(413, tooBig.status(), tooBig.head());
            // chaque échec compté est journalisé : adresse, utilisateur, nombre ; jamais le mot de passe
            String log = app.stdout() + app.stderr();
            assertTrue(log.matches("(?s).*Basic auth failed from 127\\.0\\.0\\.\\d+ as user 'mallory' \\(1 failure in a row\\).*"), log);
            assertFalse(log.contains("guess-"), "a password in the log");
            assertNoStackTrace(log);
        }
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    /** Une ligne d'avertissement, oui ; une trace de pile ou une ERREUR, jamais. */
    static void assertNoStackTrace(String log) {
        assertFalse(log.contains("\tat ") || log.contains(" ERROR "), "a stack trace or an ERROR in the log: " + log);
    }

    static void awaitHealth(ChildProcess app, int port) {
        Await.until("/health", Duration.ofSeconds(60), () -> {
            assertTrue(app.isAlive(), app.stderr());
            return health(port, "127.0.0.1").status() == 200;
        });
    }

    static RawHttp.Answer health(int port, String from) {
        return get(port, from, "/health", null);
    }

    /** Une requête sur une connexion neuve, depuis l'adresse locale {@code from} (tout 127/8 est la boucle locale). */
    static RawHttp.Answer get(int port, String from, String path, String authorization) {
        // un mot de passe faux attend son tour au hachage (un seul fil, le processeur partagé) : long, jamais perdu
        return get(port, from, path, authorization, 30_000);
    }

    static RawHttp.Answer get(int port, String from, String path, String authorization, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(timeoutMillis);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new RawHttp.Answer(-1, text, "");
            }
            String head = text.substring(0, end);
            return new RawHttp.Answer(Integer.parseInt(head.split(" ")[1]), head, text.substring(end + 4));
        } catch (IOException e) {
            return new RawHttp.Answer(-1, e.toString(), "");
        }
    }

    /**
     * Les connexions du flot partent de 127.0.0.2 à 127.0.0.4, ports 20000 à 31999 choisis ici : elles
     * ne prennent rien aux ports éphémères du système (32768 et plus), où les tests suivants, et
     * d'autres sur cette machine, trouvent leurs ports libres ; sinon des dizaines de milliers de
     * sockets en TIME_WAIT les gêneraient une minute.
     */
    private int nextSource;

    private Socket connect(int port) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int n = nextSource++ % 36_000;
            Socket socket = new Socket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0." + (2 + n / 12_000), 20_000 + n % 12_000));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // rien
        }
    }

    /** /health demandé toutes les 100 ms sur une connexion neuve, chaque réponse chronométrée. */
    static final class Probe {

        record Result(int answered, List<String> failures, Duration slowest, Duration median) {
            @Override
            public String toString() {
                return answered + " answers, median " + median.toMillis() + " ms, slowest " + slowest.toMillis() + " ms, "
                        + failures.size() + " failures";
            }
        }

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Long> times = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private Thread thread;

        static Probe start(int port, String from) {
            Probe probe = new Probe();
            probe.thread = new Thread(() -> {
                while (probe.running.get()) {
                    long start = System.nanoTime();
                    RawHttp.Answer answer = health(port, from);
                    long took = System.nanoTime() - start;
                    synchronized (probe) {
                        probe.times.add(took);
                        if (answer.status() != 200) {
                            probe.failures.add(answer.status() + " " + answer.head());
                        }
                    }
                    try {
                        // le rythme de la sonde, pas une attente de condition
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-probe");
            probe.thread.start();
            return probe;
        }

        Result stop() throws InterruptedException {
            running.set(false);
            thread.join();
            synchronized (this) {
                List<Long> sorted = new ArrayList<>(times);
                sorted.sort(Long::compare);
                return new Result(sorted.size(), List.copyOf(failures),
                        Duration.ofNanos(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)),
                        Duration.ofNanos(sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2)));
            }
        }
    }
}
