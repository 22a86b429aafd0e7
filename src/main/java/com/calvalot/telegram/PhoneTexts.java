package com.calvalot.telegram;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import com.calvalot.json.Json;
import com.calvalot.money.MoneyText;
import com.calvalot.time.TimeText;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Les réponses du bot et le résumé du jour, courts et lisibles sur un téléphone, écrits depuis le
 * JSON des beans de l'API (une seule source pour chaque chiffre) ; chiffres et dates selon la règle
 * des messages (MoneyText, TimeText ; docs/telegram.md). Du texte brut : rien ici n'est interprété
 * comme balisage par Telegram.
 */
public class PhoneTexts {

    static final int MAX_LINES = 20;
    /** Comme le tableau de bord : le conseiller ne parle qu'à partir de 5 signaux rejoués. */
    static final int ADVISOR_SIGNALS = 5;

    private final Clock clock;
    private final ZoneId zone;
    private final boolean demo;
    private final boolean control;
    private final CopyTrackingSeam tracking;

    public PhoneTexts(Clock clock, ZoneId zone, boolean demo, boolean control, CopyTrackingSeam tracking) {
        this.clock = clock;
        this.zone = zone;
        this.demo = demo;
        this.control = control;
        this.tracking = tracking;
    }

    public String help(Exchange exchange) {
        List<String> lines = new ArrayList<>(List.of(
                "/status - agent, mode, last poll, value and P&L",
                "/positions - what is held",
                "/trades - the last 10 trades",
                "/daily - P&L per day, last 7 days"));
        if (tracking.available(exchange.getContext())) {
            lines.add("/tracking - follower vs perfect copy");
        }
        lines.add("/advisor - how much a faithful copy of this leader needs");
        lines.add("/poll - poll the leader now");
        if (control) {
            lines.add("/pause - stop copying");
            lines.add("/resume - copy again");
        }
        lines.add("/help - this list");
        return prefix() + "Calv-a-lot commands:\n" + String.join("\n", lines);
    }

    public String status(@ExchangeProperty("agentStatus") String agentJson, @Body String budgetJson) {
        JsonNode agent = read(agentJson);
        JsonNode budget = read(budgetJson);
        StringBuilder text = new StringBuilder(prefix()).append("Calv-a-lot: ").append(state(agent, budget))
                .append(" · ").append(agent.path("mode").asText("?").replace('_', ' '));
        text.append("\nValue: ").append(MoneyText.eur(number(budget, "total_value_eur")))
                .append(" (").append(MoneyText.usdc(number(budget, "total_value_usdt"))).append(')');
        if (budget.path("prices_stale").asBoolean(false)) {
            text.append(" · prices stale");
        }
        text.append("\nP&L: ").append(pnl(budget));
        text.append("\nPositions: ").append(budget.path("positions_count").asInt(0))
                .append(" · cash ").append(MoneyText.usdc(number(budget, "cash_usdt")));
        JsonNode poll = agent.path("last_poll");
        text.append("\nLast poll: ").append(poll.isObject() ? poll.path("status").asText("?") : "none yet");
        if (poll.hasNonNull("error")) {
            text.append(" (").append(cut(poll.path("error").asText(), 80)).append(')');
        }
        if (agent.hasNonNull("last_poll_time")) {
            text.append(", ").append(ago(Instant.ofEpochSecond(agent.path("last_poll_time").asLong())));
        }
        return text.toString();
    }

    public String positions(@Body String json) {
        JsonNode positions = read(json);
        if (!positions.isArray() || positions.isEmpty()) {
            return prefix() + "No open position.";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode p : positions) {
            String line = p.path("coin").asText() + " " + MoneyText.quantity(number(p, "quantity")) + " · "
                    + MoneyText.usdc(number(p, "value_usdt"));
            if (p.hasNonNull("pnl_pct")) {
                line += " (" + MoneyText.pctPoints(number(p, "pnl_pct")) + ")";
            }
            lines.add(line);
        }
        return prefix() + "Positions:\n" + capped(lines);
    }

    public String trades(@Body String json) {
        JsonNode trades = read(json);
        if (!trades.isArray() || trades.isEmpty()) {
            return prefix() + "No trade yet.";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode t : trades) {
            lines.add(trade(t));
        }
        return prefix() + "Last trades:\n" + capped(lines);
    }

    public String daily(@Body String json) {
        JsonNode days = read(json);
        List<String> lines = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        for (JsonNode day : days) {
            LocalDate date = LocalDate.parse(day.path("date").asText());
            int trades = day.path("trades").asInt(0);
            lines.add((date.equals(today) ? "Today" : TimeText.day(date)) + "  "
                    + MoneyText.signedEur(number(day, "pnl_eur"))
                    + (trades > 0 ? " · " + trades + (trades == 1 ? " trade" : " trades") : ""));
        }
        return prefix() + "P&L per day:\n" + capped(lines);
    }

    /** {@code {"1w": {...}, "1m": {...}}} de la copie parfaite, ou null sans elle. */
    public String tracking(@Body String json) {
        if (json == null || json.isBlank()) {
            return prefix() + "Tracking is not available yet: this follower has no perfect copy.";
        }
        JsonNode periods = read(json);
        List<String> lines = new ArrayList<>();
        periods.fields().forEachRemaining(entry -> lines.add(entry.getKey() + ": " + trackingLine(entry.getValue())));
        return prefix() + "Follower vs perfect copy:\n" + String.join("\n", lines);
    }

    /**
     * GET /api/copy/advisor (budgets du tableau de bord, 30 jours) en quelques lignes : chaque budget, son écart
     * de suivi, ses frais et ses ordres trop petits, celui du suiveur marqué, puis la phrase du tableau de bord.
     */
    public String advisor(@Body String json) {
        JsonNode advice = read(json);
        int replayed = advice.path("signals_replayed").asInt(0);
        if (replayed < ADVISOR_SIGNALS) {
            return prefix() + "Not enough signals yet: the advisor replays the leader's signals once " + ADVISOR_SIGNALS
                    + " are recorded (" + replayed + " so far).";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode row : advice.path("rows")) {
            int skipped = row.path("orders_skipped").asInt(0);
            lines.add(MoneyText.eur(number(row, "budget_eur")) + (row.path("own").asBoolean(false) ? " (yours)" : "") + ": "
                    + MoneyText.pctPoints(number(row, "tracking_difference_pct")) + " vs a perfect copy, fees "
                    + MoneyText.eur(number(row, "fees_eur")) + ", " + skipped + (skipped == 1 ? " order" : " orders")
                    + " too small");
        }
        BigDecimal from = number(advice, "faithful_from_eur");
        lines.add(from == null ? "None of these budgets stays within 1\u202f% of a perfect copy of this leader."
                : "From about " + MoneyText.eur(from) + ", a copy of this leader stays within 1\u202f% of a perfect copy.");
        String since = advice.hasNonNull("since") ? " since " + TimeText.dayTime(Instant.parse(advice.path("since").asText()), zone)
                : "";
        return prefix() + "If you had followed with… (" + replayed + " signals" + since + ")\n" + capped(lines);
    }

    public String poll(@Body String outcomeJson) {
        JsonNode outcome = read(outcomeJson);
        StringBuilder text = new StringBuilder(prefix()).append("Poll: ").append(outcome.path("status").asText("?"));
        if (outcome.hasNonNull("signal_id")) {
            text.append(" (signal ").append(cut(outcome.path("signal_id").asText(), 40)).append(')');
        }
        if (outcome.path("trades").isArray()) {
            text.append(", ").append(outcome.path("trades").size()).append(" trade(s)");
        }
        if (outcome.hasNonNull("error")) {
            text.append("\n").append(cut(outcome.path("error").asText(), 200));
        }
        return text.toString();
    }

    /** La réponse de POST /api/agent/toggle : {"status": "paused"} ou {"status": "resumed"}. */
    public String toggled(@Body String json) {
        return prefix() + "Calv-a-lot " + read(json).path("status").asText("?") + ".";
    }

    /** Un refus de l'API (agent mort, en pause…) : son message, déjà écrit pour une personne. */
    public String refused(Exchange exchange) {
        Exception refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return prefix() + "Not done: " + (refusal == null ? "refused" : cut(refusal.getMessage(), 200)) + ".";
    }

    /** Une commande qui agit, d'une personne qui n'est pas dans TELEGRAM_USER_IDS. */
    public String notAllowed() {
        return prefix() + "Not allowed: only the users in TELEGRAM_USER_IDS may /pause, /resume and /poll.";
    }

    public String controlOff() {
        return prefix() + "Control is off: set TELEGRAM_CONTROL=true to pause and resume from Telegram.";
    }

    public String unknown() {
        return prefix() + "Unknown command. /help lists what I answer.";
    }

    /**
     * Le résumé du jour (DAILY_REPORT_AT), pour tous les canaux d'alerte : valeur, P&L du jour et
     * depuis le début, trades du jour, écart de suivi (sans ligne sans copie parfaite).
     */
    public String dailySummary(@ExchangeProperty("budget") String budgetJson, @ExchangeProperty("days") String daysJson,
                               @ExchangeProperty("trades") String tradesJson,
                               @ExchangeProperty("tracking") String trackingJson) {
        JsonNode budget = read(budgetJson);
        JsonNode today = read(daysJson).path(0);
        LocalDate day = LocalDate.ofInstant(clock.instant(), zone);
        StringBuilder text = new StringBuilder("daily_report: Summary of ").append(TimeText.day(day));
        text.append("\nValue: ").append(MoneyText.eur(number(budget, "total_value_eur")))
                .append(" (").append(MoneyText.usdc(number(budget, "total_value_usdt"))).append(')');
        text.append("\nToday: ").append(MoneyText.signedEur(number(today, "pnl_eur")));
        text.append("\nSince the start: ").append(pnl(budget));
        int count = today.path("trades").asInt(0);
        text.append("\nTrades today: ").append(count);
        String from = day.atStartOfDay(zone).toInstant().toString();
        int listed = 0;
        for (JsonNode t : read(tradesJson)) {
            if (listed < 5 && t.path("created_at").asText("").compareTo(from) >= 0) {
                text.append("\n  ").append(trade(t));
                listed++;
            }
        }
        if (trackingJson != null && !trackingJson.isBlank()) {
            JsonNode tracked = read(trackingJson).path("1d");
            text.append("\nTracking difference (1d): ")
                    .append(MoneyText.pctPoints(number(tracked, "tracking_difference_pct")));
        }
        return text.toString();
    }

    /**
     * « follower +1.20 %, copy +1.25 %, difference -0.05 %: 0.06 € behind (fees 0.13 €) » : le verdict de
     * l'API (comparison, au centime du coût), comme la phrase du tableau de bord, jamais recalculé ici.
     */
    private String trackingLine(JsonNode period) {
        String line = "follower " + MoneyText.pctPoints(number(period, "follower_return_pct"))
                + ", copy " + MoneyText.pctPoints(number(period, "perfect_return_pct"))
                + ", difference " + MoneyText.pctPoints(number(period, "tracking_difference_pct"));
        BigDecimal cost = number(period, "cost_of_copying_eur");
        String verdict = switch (period.path("comparison").asText("")) {
            case "same" -> "as well as the copy, to the cent";
            case "behind" -> MoneyText.eur(cost) + " behind";
            case "ahead" -> MoneyText.eur(cost == null ? null : cost.negate()) + " ahead";
            default -> null;
        };
        if (verdict == null) {
            return line;
        }
        BigDecimal fees = number(period, "fees_eur");
        return line + ": " + verdict + (fees == null || fees.signum() == 0 ? "" : " (fees " + MoneyText.eur(fees) + ")");
    }

    private String trade(JsonNode t) {
        String when = t.hasNonNull("created_at") ? TimeText.dayTime(Instant.parse(t.path("created_at").asText()), zone) : "?";
        return when + " " + t.path("action").asText() + " " + t.path("coin").asText() + " "
                + MoneyText.usdc(number(t, "amount_usdt")) + " @ " + MoneyText.price(number(t, "price"));
    }

    private static String state(JsonNode agent, JsonNode budget) {
        if (agent.path("dead").asBoolean(false) || "DEAD".equals(budget.path("status").asText())) {
            return "DEAD" + (agent.hasNonNull("dead_reason") ? " (" + cut(agent.path("dead_reason").asText(), 80) + ")" : "");
        }
        if (agent.path("paused").asBoolean(false)) {
            return "PAUSED" + (agent.hasNonNull("pause_reason") ? " (" + agent.path("pause_reason").asText() + ")" : "");
        }
        return "UNINITIALIZED".equals(budget.path("status").asText()) ? "UNINITIALIZED" : "ACTIVE";
    }

    private static String pnl(JsonNode budget) {
        return MoneyText.signedEur(number(budget, "pnl_eur")) + " (" + MoneyText.pctPoints(number(budget, "pnl_pct")) + ")";
    }

    private String ago(Instant then) {
        long seconds = Math.max(0, clock.instant().getEpochSecond() - then.getEpochSecond());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86400) {
            return seconds / 3600 + " h ago";
        }
        return TimeText.dayTime(then, zone);
    }

    private String prefix() {
        return demo ? "[DEMO] " : "";
    }

    private static String capped(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return String.join("\n", lines);
        }
        return String.join("\n", lines.subList(0, MAX_LINES)) + "\n… and " + (lines.size() - MAX_LINES) + " more";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static BigDecimal number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.decimalValue() : null;
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return Json.MAPPER.missingNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + e.getClass().getSimpleName() + ")");
        }
    }
}
