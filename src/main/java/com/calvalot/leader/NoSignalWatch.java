package com.calvalot.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.time.Timestamps;

/**
 * L'alerte {@code no_signal} (trading-rules.md) : aucun signal nouveau depuis 4 heures. Levée une
 * seule fois (le cycle l'envoie alors vers direct:alert), effacée par le prochain signal.
 * Sans aucun signal reçu, le compte part de la création de la base.
 */
public class NoSignalWatch {

    static final Duration SILENCE = Duration.ofHours(4);

    private final AgentStateRepository agentState;
    private final Sql sql;
    private final Clock clock;

    public NoSignalWatch(AgentStateRepository agentState, Sql sql, Clock clock) {
        this.agentState = agentState;
        this.sql = sql;
        this.clock = clock;
    }

    /** Vrai quand l'alerte vient d'être levée (et seulement à ce moment-là). */
    public boolean raiseIfSilent() {
        if (agentState.isNoSignalAlertRaised()) {
            return false;
        }
        Instant since = since();
        if (since == null || Duration.between(since, clock.instant()).compareTo(SILENCE) < 0) {
            return false;
        }
        agentState.setNoSignalAlert(true);
        return true;
    }

    private Instant since() {
        Long last = agentState.lastSignalTime();
        if (last != null) {
            return Instant.ofEpochSecond(last);
        }
        String created = sql.one("SELECT created_at FROM budget WHERE id = 1", rs -> rs.getString(1));
        return created == null ? null : Timestamps.parse(created);
    }
}
