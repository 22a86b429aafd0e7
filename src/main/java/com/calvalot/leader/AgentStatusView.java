package com.calvalot.leader;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.api.JsonResponses;
import com.calvalot.config.RiskSettings;
import com.calvalot.config.Settings;
import com.calvalot.config.TradingMode;
import com.calvalot.exchange.PairStatuses;
import com.calvalot.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/agent/status (api.md). L'URL du leader n'y figure jamais : {@code "***"} quand elle est
 * réglée, null sinon.
 */
public class AgentStatusView {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgentStatusView.class);

    private final AgentStateRepository agentState;
    private final Settings settings;
    private final PollCycles cycles;
    private final PairStatuses pairStatuses;

    public AgentStatusView(AgentStateRepository agentState, Settings settings, PollCycles cycles, PairStatuses pairStatuses) {
        this.agentState = agentState;
        this.settings = settings;
        this.cycles = cycles;
        this.pairStatuses = pairStatuses;
    }

    public void describe(Exchange exchange) {
        boolean paused = agentState.isPaused();
        boolean dead = agentState.isDead();
        ServiceStatus timer = exchange.getContext().getRouteController().getRouteStatus("poll-timer");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("running", timer != null && timer.isStarted() && !paused && !dead);
        status.put("paused", paused);
        status.put("pause_reason", agentState.pauseReason());
        status.put("dead", dead);
        status.put("mode", settings.tradingMode().wireName());
        status.put("demo", settings.demo());
        status.put("version", settings.version());
        status.put("poll_interval_seconds", settings.pollIntervalSeconds());
        status.put("leader_url", settings.leaderConfigured() ? "***" : null);
        JsonNode lastPoll = agentState.lastPoll();
        status.put("last_poll", lastPoll);
        status.put("last_poll_time", agentState.lastPollTime());
        status.put("next_poll_time", nextPollTime(timer, paused, dead));
        JsonNode since = lastPoll == null ? null : lastPoll.get(PollRecorder.UNREACHABLE_SINCE);
        status.put("leader_unreachable_since", since != null && since.canConvertToLong() ? since.asLong() : null);
        status.put("last_signal_time", agentState.lastSignalTime());
        status.put("no_signal_alert", agentState.isNoSignalAlertRaised());
        status.put("dead_reason", dead ? agentState.deadReason() : null);
        status.put("limits", limits());
        status.put("balance_drift", agentState.balanceDrifts());
        status.put("funds_warning", dead ? null : agentState.fundsWarning());
        status.put("untradeable_pairs", pairStatuses.all().entrySet().stream()
                .map(pair -> Map.of("pair", pair.getKey(), "reason", pair.getValue())).toList());
        // faux : le tableau de bord affiche un bandeau (tout le réseau peut agir sans mot de passe)
        status.put("password_set", settings.apiAuthEnabled());
        JsonResponses.write(exchange, 200, status);
    }

    /**
     * L'heure Unix du prochain tic du minuteur : le dernier tic plus l'intervalle (dans le passé quand
     * un cycle dure plus longtemps : le tic suivant part dès sa fin). null quand rien ne sera lu :
     * pause, mort, pas de leader, minuteur arrêté, ou pas encore de premier tic.
     */
    private Long nextPollTime(ServiceStatus timer, boolean paused, boolean dead) {
        Instant last = cycles.lastTick();
        if (paused || dead || !settings.leaderConfigured() || timer == null || !timer.isStarted() || last == null) {
            return null;
        }
        return last.plusSeconds(settings.pollIntervalSeconds()).getEpochSecond();
    }

    /** Les limites de risque en vigueur (trading-rules.md, « Risk limits ») ; null : éteinte. */
    private Map<String, Object> limits() {
        RiskSettings risk = settings.risk();
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("live_sizing", settings.tradingMode() == TradingMode.LIVE ? (risk.budgetSizing() ? "budget" : "wallet") : null);
        limits.put("max_order_usdc", risk.maxOrderUsdc() == null ? null : Money.forJson(risk.maxOrderUsdc()));
        limits.put("exclude_coins", risk.excludedPairs());
        limits.put("pause_on_drawdown_pct", risk.pauseOnDrawdownPct());
        return limits;
    }

    /**
     * POST /api/agent/toggle : pause ou reprise, gardée en base ; un agent mort reste mort (409).
     * Avec {"paused": true|false}, l'état voulu (une requête répétée ne change rien de plus) ; sans
     * corps, l'état s'inverse.
     */
    public void toggle(Exchange exchange) {
        Boolean wanted = wantedPause(exchange);
        if (agentState.isDead()) {
            throw com.calvalot.api.ApiException.conflict("the agent is dead and stays dead");
        }
        boolean pause = wanted != null ? wanted : !agentState.isPaused();
        String before = agentState.storedPauseReason();
        agentState.setPaused(pause);
        if (!pause && AgentStateRepository.DRAWDOWN.equals(before)) {
            // l'argent recommence à suivre malgré la perte : qui l'a voulu reste écrit
            LOG.info("Agent resumed: the drawdown pause was lifted by {}", com.calvalot.api.RequestSource.of(exchange));
        }
        JsonResponses.write(exchange, 200, Map.of("status", pause ? "paused" : "resumed"));
    }

    /** null sans corps ; sinon la valeur booléenne de "paused", exigée. */
    private static Boolean wantedPause(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            return null;
        }
        // le corps était un flux, déjà lu : le texte le remplace pour la lecture JSON
        exchange.getMessage().setBody(text);
        com.fasterxml.jackson.databind.JsonNode paused = com.calvalot.api.JsonBody.object(exchange).get("paused");
        if (paused == null || !paused.isBoolean()) {
            throw com.calvalot.api.ApiException.badRequest("paused must be true or false");
        }
        return paused.booleanValue();
    }
}
