package com.calvalot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.calvalot.support.MutableClock;

/** Les textes du bot depuis le JSON de l'API, et l'heure du résumé quotidien. */
class PhoneTextsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T15:00:00Z"), ZoneOffset.UTC);
    private final PhoneTexts texts = new PhoneTexts(clock, PARIS, false, true, new CopyTrackingSeam());

    @Test
    void theStatusFollowsTheMessagesConvention() {
        String agent = "{\"running\":true,\"paused\":false,\"dead\":false,\"mode\":\"live\","
                + "\"last_poll\":{\"status\":\"duplicate\"},\"last_poll_time\":" + (clock.instant().getEpochSecond() - 180) + "}";
        String budget = "{\"status\":\"ACTIVE\",\"total_value_eur\":1234.555,\"total_value_usdt\":1345.6,"
                + "\"cash_usdt\":12,\"positions_count\":3,\"pnl_eur\":-12.3,\"pnl_pct\":-0.99,\"prices_stale\":false}";
        assertEquals("Calv-a-lot: ACTIVE · live\n"
                + "Value: 1\u202f234.56\u00a0€ (1\u202f345.60 USDC)\n"
                + "P&L: -12.30\u00a0€ (-0.99\u202f%)\n"
                + "Positions: 3 · cash 12.00 USDC\n"
                + "Last poll: duplicate, 3 min ago", texts.status(agent, budget));
    }

    @Test
    void tradesAndDaysAreOneShortLineEach() {
        assertEquals("Last trades:\n6 Dec 04:07 BUY BTCUSDC 50.00 USDC @ 95\u202f123.45",
                texts.trades("[{\"coin\":\"BTCUSDC\",\"action\":\"BUY\",\"amount_usdt\":50,\"price\":95123.45,"
                        + "\"created_at\":\"2026-12-06T03:07:00Z\"}]"));
        assertEquals("P&L per day:\nToday  +4.10\u00a0€ · 2 trades\nSat 5 Dec  —",
                texts.daily("[{\"date\":\"2026-12-06\",\"pnl_eur\":4.1,\"trades\":2},{\"date\":\"2026-12-05\",\"pnl_eur\":null,\"trades\":0}]"));
    }

    @Test
    void theDailySummaryHasATrackingLineOnlyWithThePerfectCopy() {
        String budget = "{\"total_value_eur\":100,\"total_value_usdt\":115,\"pnl_eur\":0,\"pnl_pct\":0}";
        String days = "[{\"date\":\"2026-12-06\",\"pnl_eur\":1.5,\"trades\":0}]";
        String without = texts.dailySummary(budget, days, "[]", null);
        assertTrue(without.startsWith("daily_report: Summary of Sun 6 Dec\nValue: 100.00\u00a0€"), without);
        assertTrue(without.contains("\nToday: +1.50\u00a0€\nSince the start: 0.00\u00a0€ (0.00\u202f%)\nTrades today: 0"), without);
        assertFalse(without.contains("Tracking"));
        String with = texts.dailySummary(budget, days, "[]", "{\"1d\":{\"tracking_difference_pct\":-0.12}}");
        assertTrue(with.endsWith("\nTracking difference (1d): -0.12\u202f%"), with);
    }

    /**
     * Une seule règle pour tous les messages (docs/telegram.md) : /tracking dit le verdict de l'API (au
     * centime du coût, comme la phrase du tableau de bord), et les dates d'un trade plus ancien qu'un jour
     * ont le mois en lettres, jamais « 07/12 ».
     */
    @Test
    void trackingSaysTheApisVerdictWithTheSameFigures() {
        String tracking = "{\"1w\":{\"follower_return_pct\":1.2,\"perfect_return_pct\":1.2,\"tracking_difference_pct\":0,"
                + "\"cost_of_copying_eur\":0.06,\"fees_eur\":0.13,\"comparison\":\"behind\"},"
                + "\"1m\":{\"follower_return_pct\":null,\"perfect_return_pct\":null,\"tracking_difference_pct\":null,"
                + "\"cost_of_copying_eur\":null,\"fees_eur\":0,\"comparison\":null}}";
        assertEquals("Follower vs perfect copy:\n"
                + "1w: follower +1.20\u202f%, copy +1.20\u202f%, difference 0.00\u202f%: 0.06\u00a0€ behind (fees 0.13\u00a0€)\n"
                + "1m: follower —, copy —, difference —", texts.tracking(tracking));
        String ahead = texts.tracking("{\"1w\":{\"tracking_difference_pct\":0.5,\"cost_of_copying_eur\":-2.5,\"comparison\":\"ahead\"}}");
        assertTrue(ahead.endsWith(": 2.50\u00a0€ ahead"), ahead);
        String same = texts.tracking("{\"1w\":{\"tracking_difference_pct\":0,\"cost_of_copying_eur\":0,\"comparison\":\"same\"}}");
        assertTrue(same.endsWith(": as well as the copy, to the cent"), same);

        String agent = "{\"mode\":\"dry_run\",\"last_poll\":{\"status\":\"duplicate\"},\"last_poll_time\":"
                + Instant.parse("2026-12-04T18:11:00Z").getEpochSecond() + "}";
        assertTrue(texts.status(agent, "{}").endsWith("Last poll: duplicate, 4 Dec 19:11"), texts.status(agent, "{}"));
    }

    @Test
    void theSummaryGoesOnceADayWithinTheHourAfterItsTime() {
        MutableClock now = new MutableClock(Instant.parse("2026-12-06T22:29:00Z"));
        DailyReportSchedule schedule = new DailyReportSchedule(LocalTime.of(23, 30), now, PARIS);
        assertFalse(schedule.due(), "23:29 in Paris");
        now.advance(Duration.ofMinutes(1));
        assertTrue(schedule.due());
        assertFalse(schedule.due(), "once a day");
        // 00:20 le lendemain : le créneau d'hier est déjà servi
        now.advance(Duration.ofMinutes(50));
        assertFalse(schedule.due());
        DailyReportSchedule late = new DailyReportSchedule(LocalTime.of(23, 30), now, PARIS);
        assertTrue(late.due(), "a restart at 00:20 still sends the 23:30 summary");
        now.advance(Duration.ofHours(1));
        assertFalse(new DailyReportSchedule(LocalTime.of(23, 30), now, PARIS).due(), "more than an hour late: skipped");
    }

    /** /advisor : les lignes de GET /api/copy/advisor, selon la règle des messages ; rien avant 5 signaux, comme la page. */
    @Test
    void theAdvisorSaysEachBudgetAndTheSentence() {
        String advice = "{\"period\":\"30d\",\"since\":\"2026-12-01T18:11:00Z\",\"signals_replayed\":42,\"rows\":["
                + "{\"budget_eur\":25,\"own\":false,\"tracking_difference_pct\":-3.1,\"fees_eur\":0.2,\"orders_skipped\":12,"
                + "\"value_eur\":24.1},"
                + "{\"budget_eur\":1234.5,\"own\":true,\"tracking_difference_pct\":-0.42,\"fees_eur\":1.5,\"orders_skipped\":1,"
                + "\"value_eur\":1250}],\"faithful_from_eur\":1234.5}";
        assertEquals("If you had followed with… (42 signals since 1 Dec 19:11)\n"
                + "25.00\u00a0€: -3.10\u202f% vs a perfect copy, fees 0.20\u00a0€, 12 orders too small\n"
                + "1\u202f234.50\u00a0€ (yours): -0.42\u202f% vs a perfect copy, fees 1.50\u00a0€, 1 order too small\n"
                + "From about 1\u202f234.50\u00a0€, a copy of this leader stays within 1\u202f% of a perfect copy.",
                texts.advisor(advice));
        assertTrue(texts.advisor(advice.replace("\"faithful_from_eur\":1234.5", "\"faithful_from_eur\":null"))
                .endsWith("\nNone of these budgets stays within 1\u202f% of a perfect copy of this leader."));
        assertEquals("Not enough signals yet: the advisor replays the leader's signals once 5 are recorded (3 so far).",
                texts.advisor("{\"since\":null,\"signals_replayed\":3,\"rows\":[],\"faithful_from_eur\":null}"));
    }

    @Test
    void aCommandIsTheFirstWordWithoutTheBotName() {
        assertEquals("/status", TelegramCommands.commandOf("  /Status@CalvBot please"));
        assertEquals(TelegramCommands.UNKNOWN, TelegramCommands.commandOf("status"));
        assertEquals(TelegramCommands.UNKNOWN, TelegramCommands.commandOf("/st'atus"));
        assertEquals(TelegramCommands.UNKNOWN, TelegramCommands.commandOf(null));
    }
}
