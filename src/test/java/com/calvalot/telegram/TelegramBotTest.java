package com.calvalot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.support.AlertWebhook;
import com.calvalot.support.Await;
import com.calvalot.support.FakeBotApi;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.LogCapture;
import com.calvalot.support.RunningApp;

/**
 * Le bot réel (routes/telegram.camel.yaml, camel-telegram en long polling) contre un Bot API strict
 * sur 127.0.0.1 : commandes de la conversation réglée seulement, offsets, pannes (401, 429) polies
 * et journalisées une fois, jamais le jeton dans le log.
 */
class TelegramBotTest {

    private static final String SECRET = "leader-secret-for-telegram";
    private static final String TOKEN = "987654:bot-token-that-must-never-be-logged";
    private static final String CHAT = "42";
    private static final String STRANGER = "666";

    @TempDir
    Path dataDir;

    private final FakeLeader leader = new FakeLeader(SECRET);
    private final FakeBotApi bot = new FakeBotApi(TOKEN, CHAT);
    private final AlertWebhook webhook = new AlertWebhook();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stop() {
        log.close();
        bot.close();
        webhook.close();
        leader.close();
    }

    private Map<String, String> env(boolean control) {
        Map<String, String> env = new HashMap<>(RunningApp.env(dataDir));
        env.putAll(FakeLeader.env(leader, SECRET));
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_CHAT_ID", CHAT);
        env.put("TELEGRAM_API_URL", bot.url());
        env.put("TELEGRAM_CONTROL", String.valueOf(control));
        return env;
    }

    /** Un message de la conversation réglée, puis la réponse du bot. */
    private String ask(String text) {
        int before = bot.sent().size();
        bot.userSends(CHAT, text);
        List<String> sent = bot.awaitSent(before + 1);
        return sent.get(before);
    }

    @Test
    void theChatDrivesTheFollowerAndTheDailySummaryReachesEveryChannel() {
        Map<String, String> env = env(true);
        env.put("ALERT_WEBHOOK_URL", webhook.url());
        // l'heure du résumé vient de passer : il part au premier tour du minuteur
        env.put("DAILY_REPORT_AT", LocalTime.now(ZoneId.systemDefault()).minusMinutes(1)
                .format(DateTimeFormatter.ofPattern("HH:mm")));
        try (RunningApp app = RunningApp.start(env)) {
            String summary = webhook.await("daily_report: ", 1).get(0);
            assertTrue(summary.contains("\nValue: ") && summary.contains("\nSince the start: "), summary);
            assertTrue(summary.contains("Trades today: 0"), summary);
            // la copie parfaite n'a pas encore deux instantanés : la ligne est là, sans chiffre
            assertTrue(summary.contains("\nTracking difference (1d): "), summary);
            Await.until("the summary on Telegram", Duration.ofSeconds(10),
                    () -> bot.sent().stream().anyMatch(t -> t.contains("Daily summary")));
            int answered = bot.sent().size();

            // un inconnu n'a jamais de réponse, et n'est journalisé qu'une fois
            bot.userSends(STRANGER, "/status");
            bot.userSends(STRANGER, "/pause");
            String status = ask("/status");
            assertEquals(answered + 1, bot.sent().size(), "only the allowed chat is answered");
            assertTrue(status.startsWith("Calv-a-lot: ACTIVE · dry run"), status);
            assertTrue(status.contains("\nValue: ") && status.contains("\nP&L: ") && status.contains("\nLast poll: "), status);
            assertEquals(1, log.lines("ignored a message from chat " + STRANGER), log.text());
            assertFalse(app.get("/api/agent/status").body().contains("\"paused\":true"), "the stranger's /pause was ignored");

            assertEquals("No open position.", ask("/positions"));
            assertEquals("No trade yet.", ask("/trades"));
            assertTrue(ask("/daily").startsWith("P&L per day:\nToday"));
            // la copie parfaite de l'API (GET /api/copy/tracking), sans instantané encore : des tirets, pas d'erreur
            String tracking = ask("/tracking");
            assertTrue(tracking.contains("Follower vs perfect copy:\n1w: follower ") && tracking.contains("\n1m: "), tracking);
            // le conseiller de budget de l'API (GET /api/copy/advisor), avant tout signal
            assertEquals("Not enough signals yet: the advisor replays the leader's signals once 5 are recorded (0 so far).",
                    ask("/advisor"));
            assertTrue(ask("/poll@CalvBot").startsWith("Poll: no_signal"));

            assertEquals("Calv-a-lot paused.", ask("/pause"));
            assertEquals("Calv-a-lot paused.", ask("/pause"), "a repeated /pause keeps it paused");
            assertTrue(app.get("/api/agent/status").body().contains("\"paused\":true"));
            assertTrue(ask("/poll").startsWith("Not done: the agent is paused"));
            assertEquals("Calv-a-lot resumed.", ask("/Resume"));
            assertTrue(app.get("/api/agent/status").body().contains("\"paused\":false"));

            String help = ask("/help");
            assertTrue(help.contains("/pause") && help.contains("/status") && help.contains("/tracking")
                    && help.contains("/advisor"), help);
            assertTrue(ask("/sell_everything").startsWith("Unknown command"));
            assertTrue(ask("hello <b>bot</b>").startsWith("Unknown command"));

            // chaque getUpdates confirme ce qui a été livré ; jamais de chemin sans le jeton
            assertEquals(List.of(), bot.violations());
        }
        assertFalse(log.text().contains(TOKEN), "the bot token is in the log");
    }

    /**
     * TELEGRAM_CHAT_ID un groupe : avant, tout membre pouvait /resume (le bot ne regardait que la
     * conversation). Avec TELEGRAM_USER_IDS, seules ces personnes pausent, reprennent et pollent ;
     * les autres lisent, et reçoivent une ligne de refus pour le reste.
     */
    @Test
    void inAGroupOnlyTheListedUsersMayPauseResumeAndPoll() {
        Map<String, String> env = env(true);
        env.put("TELEGRAM_USER_IDS", "8, 9");
        try (RunningApp app = RunningApp.start(env)) {
            AgentStateRepository agent = new AgentStateRepository(app.sql());
            assertTrue(agent.pause(AgentStateRepository.DRAWDOWN));
            String refusal = "Not allowed: only the users in TELEGRAM_USER_IDS may /pause, /resume and /poll.";
            for (String command : List.of("/resume", "/pause", "/poll", "/Resume@CalvBot")) {
                assertEquals(refusal, askAs(7, command), command);
            }
            assertEquals(AgentStateRepository.DRAWDOWN, agent.pauseReason(), "a member not listed resumed the agent");
            assertEquals(1, log.lines("Telegram: refused /resume from user 7"), log.text());
            // lire reste ouvert à tout le groupe
            assertTrue(askAs(7, "/status").startsWith("Calv-a-lot: PAUSED"));
            // une personne de la liste agit ; la levée de la pause pour drawdown dit qui
            assertEquals("Calv-a-lot resumed.", askAs(9, "/resume"));
            assertEquals(null, agent.pauseReason());
            assertTrue(log.text().contains("Agent resumed: the drawdown pause was lifted by Telegram user 9 in chat " + CHAT),
                    log.text());
            assertEquals("Calv-a-lot paused.", askAs(8, "/pause"));
        }
    }

    private String askAs(long user, String text) {
        int before = bot.sent().size();
        bot.memberSends(CHAT, user, text);
        return bot.awaitSent(before + 1).get(before);
    }

    @Test
    void withoutControlTheBotOnlyReads() {
        try (RunningApp app = RunningApp.start(env(false))) {
            assertTrue(ask("/pause").startsWith("Control is off"));
            assertTrue(app.get("/api/agent/status").body().contains("\"paused\":false"));
            assertFalse(ask("/help").contains("/pause"));
            // le journal dit une fois que le bot est branché (issue 38), pas à chaque poll
            assertEquals(1, log.lines("Telegram connected: alerts go to TELEGRAM_CHAT_ID, and the bot answers /help "
                    + "from that chat"), log.text());
        }
    }

    @Test
    void aFloodLimitAndARevokedTokenAreLoggedOnceAndRetriedPolitely() {
        try (RunningApp app = RunningApp.start(env(false))) {
            assertTrue(ask("/status").startsWith("Calv-a-lot"));

            // 429 : plus un appel avant retry_after, puis tout repart
            bot.failNext("getUpdates", 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: "
                    + "retry after 2\",\"parameters\":{\"retry_after\":2}}");
            Await.until("the 429", Duration.ofSeconds(40), () -> log.lines("flood limit (HTTP 429)") == 1);
            FakeBotApi.Call flooded = bot.calls("getUpdates").get(bot.calls("getUpdates").size() - 1);
            assertTrue(ask("/status").startsWith("Calv-a-lot"), "polling resumes after retry_after");
            List<FakeBotApi.Call> polls = bot.calls("getUpdates");
            FakeBotApi.Call next = polls.get(polls.indexOf(flooded) + 1);
            assertTrue(Duration.between(flooded.at(), next.at()).toMillis() >= 1900,
                    "the next getUpdates waited retry_after: " + Duration.between(flooded.at(), next.at()));
            assertEquals(1, log.lines("Telegram reachable again"));

            // une réponse refusée pour flood : une ligne, pas de trace
            bot.failNext("sendMessage", 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: "
                    + "retry after 1\",\"parameters\":{\"retry_after\":1}}");
            bot.userSends(CHAT, "/positions");
            Await.until("the refused answer", Duration.ofSeconds(40), () -> log.lines("Telegram message not sent") == 1);

            // 401 : jeton révoqué, une ligne, puis plus d'appel pendant 10 minutes ; l'API répond toujours
            bot.failNext("getUpdates", 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            Await.until("the 401", Duration.ofSeconds(40), () -> log.lines("bot token was refused (HTTP 401)") == 1);
            int callsAfter401 = bot.calls("getUpdates").size();
            bot.userSends(CHAT, "/status");
            assertEquals(200, app.get("/api/budget").statusCode());
            assertEquals("no_signal", app.poll().path("status").asText(), "trading never waits for Telegram");
            assertEquals(callsAfter401, bot.calls("getUpdates").size(), "no getUpdates while the token is refused");
            assertEquals(List.of(), bot.violations());
        }
        String text = log.text();
        assertFalse(text.contains(TOKEN), "the bot token is in the log");
        assertFalse(text.contains("\tat org.apache.camel"), "a stack trace in the log");
    }

    @Test
    void anUnreachableBotApiIsOneLineAndTheFollowerRunsOn() {
        Map<String, String> env = env(false);
        env.put("TELEGRAM_API_URL", "http://127.0.0.1:" + RunningApp.freePort());
        try (RunningApp app = RunningApp.start(env)) {
            Await.until("the failure line", Duration.ofSeconds(30), () -> log.lines("Bot API is unreachable") >= 1);
            assertEquals("no_signal", app.poll().path("status").asText());
            assertEquals(1, log.lines("Bot API is unreachable"), log.text());
            assertEquals(0, log.lines("Telegram connected"), "never connected: " + log.text());
        }
        assertFalse(log.text().contains(TOKEN), "the bot token is in the log");
    }
}
