package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
 * Cent adresses (127.0.0.100 à 199, un seul /24) qui essaient des mots de passe faux sur huit fils,
 * contre l'application dans une JVM fille aux options du conteneur. Avant, toutes les connexions
 * neuves du propriétaire (un nouvel en-tête, comme après la fermeture du navigateur ou sur un
 * nouveau téléphone) recevaient 429 : la file du hachage était pleine d'essais de l'attaquant.
 * Maintenant, une adresse qui a déjà réussi, ou qui n'a jamais échoué, a sa propre place.
 */
class ManyGuessersTest {

    static final String PASSWORD = "the owner's password 37";
    static final int HASH_ROUNDS = Integer.getInteger("calvalot.guessers.hashRounds", 100_000);
    /** Trois connexions neuves du propriétaire par tour. */
    static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Test
    void wrongPasswordsFromAHundredAddressesDoNotLockTheOwnerOut() throws Exception {
        Map<String, String> env = RunningApp.env(dir.resolve("data"));
        // un hachage six fois moins coûteux que le défaut (100 000 tours) : la file se comporte de même,
        // le test tient en une demi-minute ; avec le défaut, voir les chiffres de docs/security.md
        env.put("API_PASSWORD_HASH", WerkzeugHash.make(PASSWORD, HASH_ROUNDS, new java.security.SecureRandom()));
        int port = Integer.parseInt(env.get("PORT"));
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            FloodTest.awaitHealth(app, port);
            // le propriétaire s'est déjà connecté depuis 127.0.0.1 (un hachage sans personne d'autre)
            Logins alone = new Logins();
            alone.login(port, "127.0.0.1", 0);
            assertEquals(0, alone.refused(), alone.toString());

            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean attacking = new AtomicBoolean(true);
            long started = System.nanoTime();
            List<Thread> attackers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    while (attacking.get()) {
                        int n = next.getAndIncrement();
                        String guess = "Basic " + Base64.getEncoder().encodeToString(("admin:guess-" + n)
                                .getBytes(StandardCharsets.UTF_8));
                        statuses.add(FloodTest.get(port, "127.0.0." + (100 + n % 100), "/api/budget", guess).status());
                    }
                });
                thread.start();
                attackers.add(thread);
            }
            // pendant l'attaque, la file pleine, le propriétaire se reconnecte (un en-tête jamais vu : un
            // hachage entier) depuis son adresse habituelle, depuis une adresse neuve du réseau de
            // l'attaquant (qui, lui, en a cent jamais essayées), et depuis une adresse neuve d'un autre réseau
            Await.until("the guessers' checks queued", Duration.ofSeconds(30), () -> statuses.size() >= 2);
            Logins known = new Logins();
            Logins sameNetwork = new Logins();
            Logins otherNetwork = new Logins();
            for (int round = 1; round <= ROUNDS; round++) {
                known.login(port, "127.0.0.1", 3 * round);
                sameNetwork.login(port, "127.0.0." + (1 + round), 3 * round + 1);
                otherNetwork.login(port, "127.0.1." + round, 3 * round + 2);
            }
            attacking.set(false);
            for (Thread thread : attackers) {
                thread.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long wrong = statuses.stream().filter(s -> s == 401).count();
            long throttled = statuses.stream().filter(s -> s == 429).count();
            System.out.printf("Guessers: %d answers in %.0f s (%d x 401, %d x 429); the owner's fresh logins: alone %s; "
                    + "known address %s; new address in the guessers' /24 %s; new address elsewhere %s%n",
                    statuses.size(), seconds, wrong, throttled, alone, known, sameNetwork, otherNetwork);

            // l'attaquant n'a que des 401 et des 429 (ou attend encore sa réponse à l'arrêt : -1)
            assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429 || s == -1), statuses.toString());
            assertEquals(0, known.refused(), "known address: " + known);
            // dans le réseau de l'attaquant : une adresse neuve attend derrière les adresses neuves de
            // l'attaquant déjà en file (au plus une par connexion qu'il tient ouverte), jamais refusée
            assertEquals(0, sameNetwork.refused(), "new address in the guessers' network: " + sameNetwork);
            assertEquals(0, otherNetwork.refused(), "new address on another network: " + otherNetwork);
            String log = app.stdout() + app.stderr();
            assertFalse(log.contains("guess-"), "a password in the log");
            FloodTest.assertNoStackTrace(log);
        }
    }

    /**
     * Le bon mot de passe, dans un en-tête chaque fois différent (les bits de {@code n} en espaces et
     * tabulations entre le schéma et les identifiants) : jamais retenu, toujours un hachage entier.
     */
    private static String owner(int n) {
        StringBuilder blanks = new StringBuilder(" ");
        for (int bits = n; bits > 0; bits >>= 1) {
            blanks.append((bits & 1) == 1 ? '\t' : ' ');
        }
        return "Basic" + blanks + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Les connexions du propriétaire : combien, combien refusées, la plus lente. */
    private static final class Logins {
        private final List<Integer> statuses = new ArrayList<>();
        private long slowestMillis;
        private String firstRefusal;

        void login(int port, String from, int n) {
            long start = System.nanoTime();
            // une minute au plus : le délai d'inactivité du serveur est de 75 s
            RawHttp.Answer answer = FloodTest.get(port, from, "/api/budget", owner(n), 60_000);
            synchronized (this) {
                slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
                statuses.add(answer.status());
                if (answer.status() != 200 && firstRefusal == null) {
                    firstRefusal = answer.head() + answer.body();
                }
            }
        }

        synchronized int total() {
            return statuses.size();
        }

        synchronized List<Integer> statuses() {
            return List.copyOf(statuses);
        }

        synchronized long refused() {
            return statuses.stream().filter(s -> s != 200).count();
        }

        @Override
        public synchronized String toString() {
            return statuses.size() + " tries, " + refused() + " refused, " + statuses.stream().filter(s -> s == 200).count()
                    + " served, slowest " + slowestMillis + " ms, statuses "
                    + statuses.stream().collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    + " first refusal " + firstRefusal;
        }
    }
}
