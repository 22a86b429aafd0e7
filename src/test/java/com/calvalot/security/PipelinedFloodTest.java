package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.ChildProcess;
import com.calvalot.support.RawHttp;
import com.calvalot.support.RunningApp;

/**
 * Des requêtes enchaînées sur une connexion (pipelining) sans jamais lire une réponse, contre
 * l'application dans une JVM fille aux options du conteneur : avant, 250 000 « GET /health » d'une
 * seule connexion remplissaient le tas (OutOfMemoryError, le suiveur sortait) et 170 000 requêtes
 * refusées gelaient le côté HTTP des minutes (mémoire directe épuisée). Le serveur doit cesser de
 * lire une telle connexion et la fermer ; /health et le propriétaire sont servis aussitôt après.
 */
class PipelinedFloodTest {

    static final String PASSWORD = "the owner's password 37";
    /** Au-delà, l'attaque est abandonnée : le serveur aurait dû fermer bien avant. */
    static final Duration ATTACK_LIMIT = Duration.ofSeconds(20);
    /** Le propriétaire, nouvelle connexion, nouvel en-tête (un hachage entier) : quelques secondes. */
    static final Duration OWNER_LIMIT = Duration.ofSeconds(10);

    static final String HEALTH = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    static final String BUDGET = "GET /api/budget HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void requestsPipelinedWithoutReadingTheAnswersNeitherKillNorFreezeTheServer() throws Exception {
        Map<String, String> env = RunningApp.env(dir.resolve("data"));
        // le hachage plus léger de ManyGuessersTest : la connexion du propriétaire mesure le serveur, pas PBKDF2
        env.put("API_PASSWORD_HASH", WerkzeugHash.make(PASSWORD, ManyGuessersTest.HASH_ROUNDS, new java.security.SecureRandom()));
        int port = Integer.parseInt(env.get("PORT"));
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            FloodTest.awaitHealth(app, port);

            // une connexion, 250 000 « GET /health » (~10 Mo) d'un coup, aucune réponse lue, laissée ouverte
            Attack burst = Attack.run(port, "127.0.0.21", HEALTH, 250_000, 0, ATTACK_LIMIT);
            System.out.println("Pipelined /health: " + burst);
            assertTrue(app.isAlive(), () -> "the server died: " + tail(app));
            assertTrue(burst.closedByServer(), "the server did not close the connection: " + burst);
            assertServed(port, "after 250,000 pipelined /health", "Basic");

            // seize connexions de seize adresses, 20 000 « GET /api/budget » chacune (toutes 401), gardées
            // 3 s sans rien lire, puis fermées : avant, la mémoire directe épuisée gelait le côté HTTP
            List<Thread> attackers = new ArrayList<>();
            List<Attack> many = Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < 16; c++) {
                String from = "127.0.0." + (40 + c);
                Thread thread = new Thread(() -> many.add(Attack.run(port, from, BUDGET, 20_000, 0, Duration.ofSeconds(3))));
                thread.start();
                attackers.add(thread);
            }
            for (Thread thread : attackers) {
                thread.join();
            }
            System.out.println("Pipelined 401s: " + many);
            assertTrue(app.isAlive(), () -> "the server died: " + tail(app));
            assertTrue(many.stream().allMatch(Attack::closedByServer), "a connection was not closed: " + many);
            assertServed(port, "after 16 x 20,000 pipelined 401s", "basic");

            // au compte-gouttes : quatre requêtes par écriture, une écriture par milliseconde, jamais de
            // lecture ; fermée dès que ses réponses s'entassent chez le serveur
            Attack trickle = Attack.run(port, "127.0.0.22", BUDGET, 40_000, 4, ATTACK_LIMIT);
            System.out.println("Trickled 401s: " + trickle);
            assertTrue(trickle.closedByServer(), "the server did not close the connection: " + trickle);
            assertServed(port, "after trickled requests", "BASIC");

            // le conteneur a 192 Mio : le plus haut RSS depuis le départ, attaques comprises
            long peakMiB = peakRssKb(app.pid()) / 1024;
            System.out.println("Peak RSS: " + peakMiB + " MiB");
            assertTrue(peakMiB < 192, "peak RSS " + peakMiB + " MiB");
            String log = app.stdout() + app.stderr();
            assertFalse(log.contains("OutOfMemoryError"), "OutOfMemoryError in the log");
            assertTrue(log.contains("HTTP: closed a connection from 127.0.0.21 that sent requests without reading the answers"), log);
            FloodTest.assertNoStackTrace(log);
        }
    }

    /** Une poignée de requêtes enchaînées, lues : toutes servies, dans l'ordre ; au-delà, la connexion est fermée. */
    @Test
    void aHandfulOfPipelinedRequestsIsServedAndMoreIsCutOff() throws Exception {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir.resolve("data")))) {
            int port = app.settings().port();
            String handful = (HEALTH.replace("\r\n\r\n", "\r\nX-N: 1\r\n\r\n")).repeat(UnansweredRequests.MAX_UNANSWERED - 1)
                    + HEALTH.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
            String answers = readAll(port, handful);
            assertEquals(UnansweredRequests.MAX_UNANSWERED, answers.split("HTTP/1.1 200 OK", -1).length - 1, answers);

            String tooMany = HEALTH.repeat(UnansweredRequests.MAX_UNANSWERED * 4)
                    + HEALTH.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
            String cut = readAll(port, tooMany);
            int served = cut.split("HTTP/1.1 200 OK", -1).length - 1;
            assertTrue(served <= UnansweredRequests.MAX_UNANSWERED, served + " answers: " + cut);
            assertEquals(1, app.door().cutOff());

            // un client poli, une requête après l'autre sur la même connexion : jamais coupé
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                java.io.InputStream in = socket.getInputStream();
                for (int i = 0; i < 200; i++) {
                    socket.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
                    assertTrue(readOneAnswer(in).startsWith("HTTP/1.1 200 OK"), "answer " + i);
                }
            }
            assertEquals(1, app.door().cutOff());
        }
    }

    /**
     * Une seule adresse tient les 128 places : des connexions keep-alive au repos après une réponse, et
     * des requêtes déjà refusées (401) dont le corps n'en finit pas. Avant, un nouveau venu recevait 503
     * tant qu'elles restaient ouvertes (75 s, renouvelables) : le propriétaire n'ouvrait plus de page.
     * Maintenant, une connexion qui n'attend rien est évincée pour lui faire place.
     */
    @Test
    void connectionsThatWaitForNothingMakeRoomForANewcomer() throws Exception {
        Map<String, String> env = RunningApp.env(dir.resolve("data"));
        env.put("API_PASSWORD_HASH", HttpSecurityTest.FAST_PBKDF2);
        List<Socket> held = new ArrayList<>();
        try (RunningApp app = RunningApp.start(env)) {
            int port = app.settings().port();
            for (int i = 0; i < FrontDoor.MAX_CONNECTIONS; i++) {
                Socket socket = new Socket();
                held.add(socket);
                socket.bind(new InetSocketAddress("127.0.0.77", 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(5000);
                String request = i % 2 == 0 ? HEALTH
                        : "POST /api/budget/deposit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 60000\r\n\r\n{\"amount_eur\": ";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                assertTrue(readLine(socket.getInputStream(), "\r\n").matches("HTTP/1.1 (200|401) .*\r\n"), "answer " + i);
            }
            RawHttp.Answer newcomer = RawHttp.send(port, HEALTH.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
            assertEquals(200, newcomer.status(), newcomer.head());
            assertTrue(app.door().evicted() >= 1, "nothing was evicted");
            assertEquals(0, app.door().refused());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** VmHWM : le plus haut RSS du processus depuis son départ. */
    private static long peakRssKb(long pid) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmHWM for " + pid);
    }

    /** Tout ce que le serveur renvoie jusqu'à ce qu'il ferme. */
    private static String readAll(int port, String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketException e) {
                return "";
            }
        }
    }

    /** Une réponse entière : Content-Length, ou morceaux (chunked) jusqu'au morceau vide. */
    private static String readOneAnswer(java.io.InputStream in) throws IOException {
        String head = readLine(in, "\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
            return head;
        }
        for (int size; (size = Integer.parseInt(readLine(in, "\r\n").trim(), 16)) > 0; ) {
            in.readNBytes(size + 2);
        }
        readLine(in, "\r\n");
        return head;
    }

    private static String readLine(java.io.InputStream in, String end) throws IOException {
        StringBuilder line = new StringBuilder();
        while (!line.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + line);
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /**
     * /health tout de suite, puis le propriétaire qui se connecte : {@code scheme} change la casse
     * du schéma, un en-tête jamais vu, donc un hachage entier comme après un redémarrage.
     */
    private static void assertServed(int port, String when, String scheme) {
        long start = System.nanoTime();
        assertEquals(200, FloodTest.health(port, "127.0.0.1").status(), "/health " + when);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(FloodTest.HEALTH_LIMIT) < 0, "/health took " + took.toMillis() + " ms " + when);
        String fresh = scheme + " " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        start = System.nanoTime();
        assertEquals(200, FloodTest.get(port, "127.0.0.1", "/api/budget", fresh).status(), "the owner " + when);
        Duration owner = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s: /health in %d ms, the owner's fresh login in %d ms%n", when, took.toMillis(), owner.toMillis());
        assertTrue(owner.compareTo(OWNER_LIMIT) < 0, "the owner waited " + owner.toMillis() + " ms " + when);
    }

    private static String tail(ChildProcess app) {
        String log = app.stdout() + app.stderr();
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    /**
     * Une connexion depuis {@code from} qui écrit {@code count} fois {@code request} sans rien lire
     * (tampon de réception minuscule : ce que le serveur répond reste chez lui) : d'un coup
     * ({@code perWrite} 0), ou {@code perWrite} requêtes par écriture, une écriture par milliseconde.
     * Puis elle reste ouverte {@code holdOpen}, une requête toutes les 20 ms, jusqu'à ce qu'une
     * écriture échoue (le serveur a fermé). Bornée à {@link #ATTACK_LIMIT} : une écriture bloquée plus
     * longtemps est coupée.
     */
    record Attack(String from, int requestsWritten, boolean closedByServer, boolean stalled, long millis) {

        static Attack run(int port, String from, String request, int count, int perWrite, Duration holdOpen) {
            byte[] one = request.getBytes(StandardCharsets.US_ASCII);
            int perChunk = perWrite > 0 ? perWrite : Math.max(1, 16384 / one.length);
            byte[] chunk = new byte[one.length * perChunk];
            for (int i = 0; i < perChunk; i++) {
                System.arraycopy(one, 0, chunk, i * one.length, one.length);
            }
            long start = System.nanoTime();
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
            Socket socket = new Socket();
            AtomicBoolean stalled = new AtomicBoolean();
            int written = 0;
            boolean closedByServer = false;
            try {
                socket.setReceiveBufferSize(4096);
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                watchdog.schedule(() -> {
                    stalled.set(true);
                    closeQuietly(socket);
                }, ATTACK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                OutputStream out = socket.getOutputStream();
                while (written < count) {
                    int n = Math.min(perChunk, count - written);
                    out.write(chunk, 0, n * one.length);
                    written += n;
                    if (perWrite > 0) {
                        // le rythme de l'attaque, pas une attente de condition
                        Thread.sleep(1);
                    }
                }
                long until = System.nanoTime() + holdOpen.toNanos();
                while (System.nanoTime() < until) {
                    out.write(one);
                    written++;
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                closedByServer = !stalled.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                watchdog.shutdownNow();
                closeQuietly(socket);
            }
            return new Attack(from, written, closedByServer, stalled.get(), (System.nanoTime() - start) / 1_000_000);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // rien
            }
        }
    }
}
