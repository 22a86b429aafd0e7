package com.calvalot.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La politique d'erreur du flux de poll (routeConfiguration poll-errors), dans un vrai processus dont on
 * lit le log : une panne imprévue (ici la base qui refuse une écriture) devient un poll error enregistré
 * et UNE ligne de log avec sa raison, jamais la trace de pile de Camel ; le poll suivant fonctionne.
 */
class PollErrorPolicyTest {

    private static final String SECRET = "s3cret-shared-with-the-leader";

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBinance binance = new FakeBinance();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        leader.close();
        binance.close();
    }

    private JsonNode post(Map<String, String> env, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.get("PORT") + path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(70)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.MAPPER.readTree(answer.body());
    }

    private static boolean answers(Map<String, String> env) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.get("PORT") + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anUnexpectedFailureIsARecordedErrorPollAndOneLogLineWithItsReason() throws Exception {
        Map<String, String> env = FakeLeader.followerEnv(dataDir, leader, SECRET, binance);
        RunningApp.start(env).close(); // la base existe, migrée
        Sql sql = new Sql(Database.open(dataDir.resolve("calvalot.db")));
        sql.update("CREATE TRIGGER refuse_signals BEFORE INSERT ON signals BEGIN SELECT RAISE(ABORT, 'disk refused the write'); END");
        leader.publish("{\"signal_id\": \"sig-1\", \"actions\": [{\"coin\": \"BTCUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");

        // le premier tick du minuteur (1 s après le départ) ne poll pas ici : chaque poll du test est le sien,
        // et la ligne de log comptée est celle de SON échec (sur une machine chargée, le tick passait avant)
        try (ChildProcess child = ChildProcess.start(env, dataDir, List.of("-Dpoll.first.delay.ms=3600000"))) {
            Await.until("the follower answering", Duration.ofSeconds(30), () -> answers(env));
            JsonNode failed = Await.value("the failed poll", Duration.ofSeconds(20), () -> {
                try {
                    return post(env, "/api/agent/poll");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, p -> "error".equals(p.path("status").asText()));
            assertTrue(failed.path("error").asText().startsWith("poll cycle failed ("), failed.toString());
            assertFalse(failed.toString().contains("INSERT"), "no SQL in the API answer");

            String log = child.stderr() + child.stdout();
            List<String> lines = Arrays.stream(log.split("\n")).filter(l -> l.contains("disk refused the write")).toList();
            assertEquals(1, lines.size(), log);
            assertTrue(lines.get(0).contains("Poll error"), lines.get(0));
            assertFalse(log.contains("\tat "), "no stack trace: " + log);
            assertFalse(log.contains("Message History"), log);

            // la base réparée, le même signal (jamais enregistré) ne disparaît pas : il est repris
            sql.update("DROP TRIGGER refuse_signals");
            JsonNode next = post(env, "/api/agent/poll");
            assertEquals("executed", next.path("status").asText(), next.toString());
            assertEquals("executed", sql.one("SELECT status FROM signals WHERE signal_id = 'sig-1'", rs -> rs.getString(1)));

            // une panne dans le flux de trading (sa propre politique) laisse aussi un poll enregistré
            sql.update("CREATE TRIGGER refuse_intents BEFORE INSERT ON order_intents BEGIN SELECT RAISE(ABORT, 'intents refused'); END");
            leader.publish("{\"signal_id\": \"sig-2\", \"actions\": [{\"coin\": \"ETHUSDC\", \"action\": \"BUY\", \"pct_of_capital\": 0.1}]}");
            JsonNode tradeFailure = post(env, "/api/agent/poll");
            assertEquals("error", tradeFailure.path("status").asText(), tradeFailure.toString());
            assertEquals("sig-2", tradeFailure.path("signal_id").asText(), tradeFailure.toString());
        }
    }
}
