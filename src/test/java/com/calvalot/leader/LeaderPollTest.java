package com.calvalot.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.LogCapture;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** Le cycle de poll de bout en bout : vrai leader de test en HMAC, vraies routes, vraie base. */
class LeaderPollTest {

    private static final String SECRET = "s3cret-shared-with-the-leader";
    private static final String SIGNAL = """
            {"signal_id": "sig-1", "version": 1, "confidence": 0.6, "reasoning": "<img src=x onerror=alert(1)>",
             "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.1}]}
            """;

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    // le flux de trading lit les prix avant tout ordre : sans bourse, le signal finirait en error
    private final FakeBinance binance = new FakeBinance();

    @AfterEach
    void stopLeader() {
        leader.close();
        binance.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = FakeLeader.followerEnv(dataDir, leader, SECRET, binance);
        env.put("GIT_COMMIT", "c3f9ff3");
        return env;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode poll(RunningApp app) {
        return app.poll();
    }

    /** Démarre et laisse passer le premier cycle du minuteur : les polls manuels suivants en lancent chacun un. */
    private RunningApp startAfterFirstPoll(Map<String, String> env) {
        RunningApp app = RunningApp.start(env);
        Await.until("the timer's first poll", Duration.ofSeconds(10),
                () -> !json(app.get("/api/agent/status").body()).path("last_poll_time").isNull());
        poll(app); // rejoint la fin de ce cycle (l'instantané suit l'enregistrement du poll) ou en fait un
        return app;
    }

    private static int count(RunningApp app, String sql) {
        return app.sql().one(sql, rs -> rs.getInt(1));
    }

    @Test
    void aSignalIsExecutedOnceOverManyPollsAndARestart() {
        leader.publish(SIGNAL);
        try (RunningApp app = RunningApp.start(env())) {
            Await.until("the first poll", Duration.ofSeconds(10), () -> leader.requests().size() >= 1);
            JsonNode first = Await.value("the signal executed", Duration.ofSeconds(10), () -> poll(app),
                    p -> !"no_signal".equals(p.path("status").asText()));
            // le premier poll (minuteur) l'a exécuté, celui-ci le voit en doublon ou l'a exécuté lui-même
            assertTrue(first.path("status").asText().matches("executed|duplicate"), first.toString());
            assertEquals("sig-1", first.path("signal_id").asText());
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals(1, count(app, "SELECT COUNT(*) FROM signals"));
            assertEquals("executed", app.sql().one("SELECT status FROM signals", rs -> rs.getString(1)));
        }
        try (RunningApp app = RunningApp.start(env())) {
            assertEquals("duplicate", poll(app).path("status").asText());
            assertEquals(1, count(app, "SELECT COUNT(*) FROM signals"));
            JsonNode status = json(app.get("/api/agent/status").body());
            assertEquals("duplicate", status.path("last_poll").path("status").asText());
        }
    }

    @Test
    void requestsAreSignedFreshCarryTheVersionAndNoCookie() {
        try (RunningApp app = RunningApp.start(env())) {
            poll(app);
            poll(app);
            assertTrue(leader.requests().size() >= 2);
            leader.requests().forEach(r -> {
                assertTrue(r.accepted(), "signature accepted");
                assertEquals("c3f9ff3", r.followerVersion());
                assertNull(r.cookie(), "the leader's cookie is never sent back");
            });
        }
    }

    @Test
    void everyLeaderAnswerBecomesARecordedPollStatus() {
        try (RunningApp app = startAfterFirstPoll(env())) {
            Map<FakeLeader.Mode, String> expected = Map.of(
                    FakeLeader.Mode.NO_SIGNAL, "no_signal",
                    FakeLeader.Mode.DISABLED, "disabled",
                    FakeLeader.Mode.SERVER_ERROR, "error",
                    FakeLeader.Mode.HTML, "error",
                    FakeLeader.Mode.GARBAGE, "error",
                    FakeLeader.Mode.HUGE, "error",
                    FakeLeader.Mode.DROP, "unreachable");
            expected.forEach((mode, status) -> {
                leader.answer(mode);
                JsonNode lastPoll = poll(app);
                assertEquals(status, lastPoll.path("status").asText(), mode + " → " + lastPoll);
                assertFalse(lastPoll.toString().contains("127.0.0.1"), "the leader's address never shows");
            });
            assertEquals(0, count(app, "SELECT COUNT(*) FROM signals"), "no signal recorded from a bad answer");
            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            assertEquals("no_signal", poll(app).path("status").asText(), "the next poll works again");
        }
    }

    @Test
    void everyOversizedAnswerIsAFreshErrorPollWithItsConnectionClosedAndNothingInFlight() {
        try (RunningApp app = startAfterFirstPoll(env())) {
            leader.answer(FakeLeader.Mode.HUGE);
            for (int i = 1; i <= 3; i++) {
                long asked = Instant.now().getEpochSecond();
                JsonNode lastPoll = poll(app);
                assertEquals("error", lastPoll.path("status").asText(), lastPoll.toString());
                assertTrue(lastPoll.path("error").asText().contains("larger than"), lastPoll.toString());
                long pollTime = json(app.get("/api/agent/status").body()).path("last_poll_time").asLong();
                assertTrue(pollTime >= asked, "the answer is this cycle's outcome, with a fresh time");
                int cut = i;
                Await.until("the leader's connection cut short", Duration.ofSeconds(5), () -> leader.hugeBodiesCutShort() >= cut);
                assertEquals(0, leader.hugeBodiesReadWhole(), "the rest of a refused body is never read");
                Await.until("nothing left in flight", Duration.ofSeconds(5),
                        () -> app.context().getInflightRepository().size() == 0);
            }
            long stopping = System.nanoTime();
            app.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - stopping).toSeconds() < 5, "the stop is not held by in-flight exchanges");
        }
    }

    @Test
    void aManualPollAnswersTheOutcomeOfTheCycleItWaitedForNotThePreviousLastPoll() {
        try (RunningApp app = startAfterFirstPoll(env())) {
            assertEquals("no_signal", poll(app).path("status").asText());
            // ce cycle ne peut pas écrire son issue : la réponse est la sienne, pas le last_poll d'avant
            app.sql().update("CREATE TRIGGER refuse_poll BEFORE UPDATE OF last_poll ON agent_state "
                    + "BEGIN SELECT RAISE(ABORT, 'poll not recorded'); END");
            leader.answer(FakeLeader.Mode.HUGE);
            JsonNode failed = poll(app);
            assertEquals("error", failed.path("status").asText(), failed.toString());
            app.sql().update("DROP TRIGGER refuse_poll");
            assertEquals("error", poll(app).path("status").asText());
            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            assertEquals("no_signal", poll(app).path("status").asText());
        }
    }

    @Test
    void aSlowLeaderTimesOutAfterTenSecondsAndARefusedOneIsUnreachable() {
        try (RunningApp app = startAfterFirstPoll(env())) {
            leader.answer(FakeLeader.Mode.SLOW);
            JsonNode slow = poll(app);
            assertEquals("unreachable", slow.path("status").asText(), slow.toString());
            leader.close();
            assertEquals("unreachable", poll(app).path("status").asText());
            // l'issue est enregistrée, pas seulement répondue : le tableau de bord et les alertes la lisent
            JsonNode status = json(app.get("/api/agent/status").body());
            assertEquals("unreachable", status.path("last_poll").path("status").asText(), status.toString());
        }
    }

    /**
     * Ce que le tableau de bord dit sous « Leader » : l'heure du prochain poll (le dernier tic du minuteur
     * plus l'intervalle ; rien en pause) et depuis quand le leader ne répond plus (le premier poll de la
     * série, gardé en base d'un redémarrage à l'autre ; plus rien dès qu'il répond).
     */
    @Test
    void theStatusSaysWhenTheNextPollIsDueAndSinceWhenTheLeaderHasNotAnswered() {
        com.calvalot.support.MutableClock clock = new com.calvalot.support.MutableClock(Instant.now());
        leader.useClock(clock);
        Instant silentFrom;
        try (RunningApp app = RunningApp.start(env(), clock)) {
            Await.until("the timer's first poll", Duration.ofSeconds(10),
                    () -> !json(app.get("/api/agent/status").body()).path("last_poll_time").isNull());
            JsonNode status = json(app.get("/api/agent/status").body());
            assertEquals(clock.instant().getEpochSecond() + 3600, status.path("next_poll_time").asLong(), status.toString());
            assertTrue(status.path("leader_unreachable_since").isNull(), status.toString());

            clock.advance(Duration.ofMinutes(3));
            silentFrom = clock.instant();
            leader.answer(FakeLeader.Mode.DROP);
            assertEquals("unreachable", poll(app).path("status").asText());
            clock.advance(Duration.ofMinutes(10));
            leader.answer(FakeLeader.Mode.SERVER_ERROR);
            assertEquals("error", poll(app).path("status").asText());
            status = json(app.get("/api/agent/status").body());
            assertEquals(silentFrom.getEpochSecond(), status.path("leader_unreachable_since").asLong(), status.toString());
            assertEquals(silentFrom.getEpochSecond(), status.path("last_poll").path("unreachable_since").asLong());
        }
        clock.advance(Duration.ofMinutes(5));
        try (RunningApp app = RunningApp.start(env(), clock)) {
            Await.until("the timer's first poll after the restart", Duration.ofSeconds(10),
                    () -> "error".equals(json(app.get("/api/agent/status").body()).path("last_poll").path("status").asText())
                            && json(app.get("/api/agent/status").body()).path("last_poll_time").asLong() == clock.instant().getEpochSecond());
            assertEquals(silentFrom.getEpochSecond(), json(app.get("/api/agent/status").body()).path("leader_unreachable_since").asLong(),
                    "the silence started before the restart");
            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            assertEquals("no_signal", poll(app).path("status").asText());
            assertTrue(json(app.get("/api/agent/status").body()).path("leader_unreachable_since").isNull());

            app.send("POST", "/api/agent/toggle", "{\"paused\": true}");
            assertTrue(json(app.get("/api/agent/status").body()).path("next_poll_time").isNull(), "paused: no poll is due");
        }
    }

    /** Chaque poll manqué a sa ligne ; le retour du leader aussi, une seule fois (issue 38). */
    @Test
    void theLogSaysOnceWhenTheLeaderAnswersAgain() {
        try (LogCapture log = new LogCapture(); RunningApp app = startAfterFirstPoll(env())) {
            // une réponse coupée attend les 10 s du délai : un seul poll manqué suffit à ouvrir la série
            leader.answer(FakeLeader.Mode.DROP);
            assertEquals("unreachable", poll(app).path("status").asText());
            assertEquals(0, log.lines("The leader answers again"), log.text());
            leader.answer(FakeLeader.Mode.NO_SIGNAL);
            assertEquals("no_signal", poll(app).path("status").asText());
            assertEquals("no_signal", poll(app).path("status").asText());
            assertEquals(1, log.lines("The leader answers again (unreachable since "), log.text());
            assertTrue(log.text().matches("(?s).*The leader answers again \\(unreachable since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z, \\d+ poll\\(s\\) failed\\).*"),
                    log.text());
        }
    }

    @Test
    void aWrongSecretIsAuthRejected() {
        Map<String, String> env = env();
        env.put("SIGNAL_SECRET", "not-the-secret");
        leader.publish(SIGNAL);
        try (RunningApp app = RunningApp.start(env)) {
            assertEquals("auth_rejected", poll(app).path("status").asText());
            assertEquals(0, count(app, "SELECT COUNT(*) FROM signals"));
        }
    }

    @Test
    void anInvalidSignalIsRecordedRejectedOnceAndNeverExecuted() {
        leader.publish("""
                {"signal_id": "bad-1", "actions": [{"coin": "DOGEUSDC", "action": "BUY", "pct_of_capital": 0.5}]}
                """);
        try (RunningApp app = RunningApp.start(env())) {
            JsonNode lastPoll = Await.value("the rejection", Duration.ofSeconds(10), () -> poll(app),
                    p -> !"no_signal".equals(p.path("status").asText()));
            assertTrue(lastPoll.path("status").asText().matches("rejected|duplicate"), lastPoll.toString());
            poll(app);
            assertEquals(1, count(app, "SELECT COUNT(*) FROM signals"));
            assertEquals("rejected", app.sql().one("SELECT status FROM signals", rs -> rs.getString(1)));
            assertTrue(app.sql().one("SELECT error_message FROM signals", rs -> rs.getString(1))
                    .contains("actions[0].coin must be one of"));
        }
    }

    @Test
    void anUpdateRequestWritesTheFlagFileOncePerLatestVersion() throws Exception {
        Path flag = dataDir.resolve(UpdateFlagWriter.FILE_NAME);
        try (RunningApp app = startAfterFirstPoll(env())) {
            leader.publish("{\"signal_id\": \"u-1\", \"update\": {\"required\": true, \"latest_version\": \"1.4.2\"}}");
            poll(app);
            assertEquals("latest=1.4.2\ncurrent=c3f9ff3\n", Files.readString(flag));
            Files.delete(flag);
            leader.publish("{\"signal_id\": \"u-2\", \"update\": {\"required\": true, \"latest_version\": \"1.4.2\"}}");
            poll(app);
            assertFalse(Files.exists(flag), "the same latest_version is not flagged again");
            leader.publish("{\"signal_id\": \"u-3\", \"update\": {\"required\": true, \"latest_version\": \"1.5.0\"}}");
            poll(app);
            assertEquals("latest=1.5.0\ncurrent=c3f9ff3\n", Files.readString(flag));
        }
    }

    @Test
    void anUpdateRequestIsReadFromASignalRejectedForAnotherRuleAndFromAnyLaterAnswer() throws Exception {
        Path flag = dataDir.resolve(UpdateFlagWriter.FILE_NAME);
        try (RunningApp app = startAfterFirstPoll(env())) {
            // un leader qui parle un format plus récent : le signal est rejeté, la demande de mise à jour lue
            leader.publish("{\"signal_id\": \"new-1\", \"version\": 3.5, \"update\": {\"required\": true, "
                    + "\"latest_version\": \"2.0.0\"}}");
            JsonNode rejected = poll(app);
            assertEquals("rejected", rejected.path("status").asText(), rejected.toString());
            assertEquals("latest=2.0.0\ncurrent=c3f9ff3\n", Files.readString(flag));
            Files.delete(flag);
            assertEquals("duplicate", poll(app).path("status").asText());
            assertFalse(Files.exists(flag), "once per latest_version, not on every poll repeating it");
            leader.publish("{\"no_id\": true, \"update\": {\"required\": true, \"latest_version\": \"2.0.1\"}}");
            assertEquals("rejected", poll(app).path("status").asText());
            assertEquals("latest=2.0.1\ncurrent=c3f9ff3\n", Files.readString(flag));
        }
    }

    @Test
    void pauseAndResumeSurviveARestartAndAPausedAgentDoesNotPoll() {
        try (RunningApp app = RunningApp.start(env())) {
            JsonNode status = json(app.get("/api/agent/status").body());
            assertEquals("***", status.path("leader_url").asText());
            assertEquals("dry_run", status.path("mode").asText());
            assertEquals(3600, status.path("poll_interval_seconds").asInt());
            assertEquals("c3f9ff3", status.path("version").asText());
            assertFalse(app.get("/api/agent/status").body().contains(leader.url()));

            assertEquals("{\"status\":\"paused\"}", app.send("POST", "/api/agent/toggle", null).body());
            assertEquals(409, app.send("POST", "/api/agent/poll", null).statusCode());
        }
        try (RunningApp app = RunningApp.start(env())) {
            JsonNode status = json(app.get("/api/agent/status").body());
            assertTrue(status.path("paused").asBoolean());
            assertFalse(status.path("running").asBoolean());
            assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", null).body());
            // un état fixé : la même demande répétée ne bascule plus
            assertEquals("{\"status\":\"resumed\"}", app.send("POST", "/api/agent/toggle", "{\"paused\": false}").body());
            assertEquals(400, app.send("POST", "/api/agent/toggle", "{\"paused\": \"yes\"}").statusCode());
            assertEquals("no_signal", poll(app).path("status").asText());
        }
    }

    @Test
    void withoutALeaderNothingPollsAndTheApiWaitsForSetup() {
        Map<String, String> setup = new HashMap<>(RunningApp.env(dataDir));
        setup.remove("LEADER_URL");
        try (RunningApp app = RunningApp.start(setup)) {
            // mode installation : l'API est fermée jusqu'à l'installation (docs/security.md)
            assertEquals(403, app.get("/api/agent/status").statusCode());
            assertEquals(403, app.send("POST", "/api/agent/poll", null).statusCode());
            com.calvalot.agent.AgentStateRepository state = app.context().getRegistry()
                    .lookupByNameAndType("agentState", com.calvalot.agent.AgentStateRepository.class);
            Await.until("the not_configured poll", Duration.ofSeconds(20),
                    () -> String.valueOf(state.lastPoll()).contains("not_configured"));
        }
    }

    @Test
    void fourHoursWithoutASignalRaiseTheAlertAndTheNextSignalClearsIt() {
        // la base a été créée il y a 5 heures et n'a jamais reçu de signal
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(5)), ZoneOffset.UTC);
        Map<String, String> idle = new HashMap<>(env());
        idle.remove("LEADER_URL");
        RunningApp.start(idle, past).close();
        try (RunningApp app = RunningApp.start(env())) {
            poll(app);
            assertTrue(json(app.get("/api/agent/status").body()).path("no_signal_alert").asBoolean());
            leader.publish(SIGNAL);
            // un poll manuel peut rejoindre le cycle du minuteur déjà parti avant la publication
            Await.value("the signal polled", Duration.ofSeconds(10), () -> poll(app),
                    p -> !"no_signal".equals(p.path("status").asText()));
            assertFalse(json(app.get("/api/agent/status").body()).path("no_signal_alert").asBoolean());
        }
    }

    @Test
    void aSignalMarkedSeenButNeverRecordedIsPolledAgainAfterARestart() {
        // un kill -9 entre l'écriture de la clé de déduplication et celle du signal
        try (RunningApp app = RunningApp.start(env())) {
            app.sql().update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) "
                    + "VALUES ('leader-signals', 'sig-1', CURRENT_TIMESTAMP)");
        }
        leader.publish(SIGNAL);
        try (RunningApp app = RunningApp.start(env())) {
            JsonNode lastPoll = Await.value("the signal executed", Duration.ofSeconds(10), () -> poll(app),
                    p -> !"no_signal".equals(p.path("status").asText()));
            assertTrue(lastPoll.path("status").asText().matches("executed|duplicate"), lastPoll.toString());
            assertEquals("executed", app.sql().one("SELECT status FROM signals WHERE signal_id = 'sig-1'", rs -> rs.getString(1)));
        }
    }

    @Test
    void aTrailingSlashOnLeaderUrlIsHandledInARealProcess() {
        // un vrai processus : ses variables d'environnement sont réelles (Camel pourrait les lire lui-même)
        Map<String, String> env = env();
        env.put("POLL_INTERVAL_SECONDS", "1");
        try (ChildProcess child = ChildProcess.start(env, dataDir)) {
            Await.until("a signed request on /api/signal/latest", Duration.ofSeconds(30),
                    () -> leader.requests().stream().anyMatch(FakeLeader.Request::accepted));
        }
    }

    @Test
    void repeatedSignatureRejectionsLogOneWarningNamingTheLikelyCauses() {
        Map<String, String> env = env();
        env.put("SIGNAL_SECRET", "not-the-secret");
        env.put("POLL_INTERVAL_SECONDS", "1");
        try (ChildProcess child = ChildProcess.start(env, dataDir)) {
            Await.until("five rejected polls", Duration.ofSeconds(30), () -> leader.requests().size() >= 5);
            String log = child.stderr() + child.stdout();
            int warnings = log.split("check SIGNAL_SECRET and this machine's clock", -1).length - 1;
            assertEquals(1, warnings, log);
            assertFalse(log.contains("not-the-secret"), "the secret is never logged");
            assertFalse(log.contains(leader.url()), "the leader's address is never logged");
        }
    }
}
