package com.calvalot.trade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.signal.Signal;
import com.calvalot.signal.SignalStatus;
import com.calvalot.time.Timestamps;

/**
 * Le cycle de vie d'un signal, en un seul endroit (development.md, « How a signal and an order move ») :
 * received → executing → executed | partial | skipped | error, received → skipped | error, et error →
 * received pour la seule synchronisation initiale relancée. Chaque passage est un
 * {@code UPDATE … WHERE status = <l'état quitté>} : un passage qui ne trouve pas l'état attendu n'écrit rien.
 * <p>
 * Et le portail que chaque vague passe, la première comprise, au moment où elle s'écrit « sending » :
 * l'agent n'est ni mort ni en pause, aucun signal plus récent n'a été accepté (la dernière parole du
 * leader l'emporte), le signal est encore dans SIGNAL_MAX_DELAY_SECONDS.
 */
public class SignalLifecycle {

    static final String DEAD = "agent is DEAD: no order is ever placed again";
    static final String PAUSED = "agent paused during the signal: no new order sent";
    static final String SUPERSEDED = "superseded by ";

    /** Pourquoi plus aucun ordre de ce signal ne part ; {@code intentStatus} : ce que deviennent ses ordres non envoyés. */
    record Stop(Kind kind, String reason) {

        enum Kind { DEAD, PAUSED, SUPERSEDED, LATE }

        /** Une pause est un choix de l'utilisateur : ses ordres sont écartés, pas abandonnés sur une panne. */
        String intentStatus() {
            return kind == Kind.PAUSED ? OrderIntent.SKIPPED : OrderIntent.ABANDONED;
        }
    }

    private final Sql sql;
    private final AgentStateRepository agentState;
    private final Clock clock;
    private final Duration maxDelay;

    public SignalLifecycle(Sql sql, AgentStateRepository agentState, Clock clock, Duration maxDelay) {
        this.sql = sql;
        this.agentState = agentState;
        this.clock = clock;
        this.maxDelay = maxDelay;
    }

    /**
     * {@code decideAndMark} reçoit la raison d'arrêt du signal (null : ses ordres peuvent partir) et écrit sa
     * vague en conséquence, sans qu'une pause ou une mort confirmée ne s'intercale (AgentStateRepository).
     */
    <T> T throughGate(String signalId, java.util.function.Function<Stop, T> decideAndMark) {
        Supplier<T> step = () -> decideAndMark.apply(stop(signalId));
        return agentState.throughOrderGate(step);
    }

    /** La raison pour laquelle aucun ordre de ce signal ne peut plus partir, ou null. */
    Stop stop(String signalId) {
        if (agentState.isDead()) {
            return new Stop(Stop.Kind.DEAD, DEAD);
        }
        if (agentState.isPaused()) {
            return new Stop(Stop.Kind.PAUSED, PAUSED);
        }
        String newer = supersededBy(signalId);
        if (newer != null) {
            return new Stop(Stop.Kind.SUPERSEDED, SUPERSEDED + newer);
        }
        String late = lateReason(signalId);
        return late == null ? null : new Stop(Stop.Kind.LATE, "not sent: " + late);
    }

    /**
     * Le plus récent des signaux du leader acceptés après celui-ci (tout signal enregistré sauf un rejeté), ou null :
     * une fois la nouvelle parole du leader acceptée, aucun ordre d'un signal plus ancien ne part plus.
     */
    String supersededBy(String signalId) {
        // la synchronisation initiale n'est pas une parole du leader : elle exécute celle du signal qu'elle couvre
        return sql.one("SELECT signal_id FROM signals WHERE id > (SELECT id FROM signals WHERE signal_id = ?) "
                + "AND status <> 'rejected' AND signal_id IS NOT NULL AND signal_id <> ? ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1), signalId, Signal.INITIAL_SYNC_ID);
    }

    /** La raison du refus d'un envoi tardif, ou null tant que le signal est dans son délai. */
    String lateReason(String signalId) {
        Instant received = Timestamps.parse(sql.one("SELECT received_at FROM signals WHERE signal_id = ?",
                rs -> rs.getString(1), signalId));
        if (received == null || Duration.between(received, clock.instant()).compareTo(maxDelay) <= 0) {
            return null;
        }
        return "received " + Duration.between(received, clock.instant()).toSeconds() + " s ago, past SIGNAL_MAX_DELAY_SECONDS ("
                + maxDelay.toSeconds() + " s): a late copy at another price is worse than none";
    }

    /** received → executing, dans la transaction du plan. */
    static void startExecuting(SqlTransaction tx, String signalId) {
        tx.update("UPDATE signals SET status = 'executing' WHERE signal_id = ? AND status = 'received'", signalId);
    }

    /** L'issue finale, depuis received ou executing ; executed_at est posé. Faux si le signal était déjà terminé. */
    boolean finish(String signalId, SignalStatus outcome, String message) {
        return sql.update("UPDATE signals SET status = ?, error_message = ?, executed_at = ? WHERE signal_id = ? "
                + "AND status IN ('received', 'executing')", outcome.wireName(), message, Timestamps.now(clock), signalId) == 1;
    }

    /** Un signal qui attend la bourse reste « executing » ; son message dit pourquoi. */
    void noteWaiting(String signalId, String reason) {
        sql.update("UPDATE signals SET error_message = ? WHERE signal_id = ? AND status = 'executing'", reason, signalId);
    }

    /** Le signal couvert par la synchronisation initiale : received|executing → executed, dans la transaction du plan. */
    void coveredBySync(SqlTransaction tx, String leaderSignalId, String syncId) {
        tx.update("UPDATE signals SET status = 'executed', error_message = ?, executed_at = ? WHERE signal_id = ? "
                + "AND status IN ('received', 'executing')", "executed by the initial sync (" + syncId + ")",
                Timestamps.now(clock), leaderSignalId);
    }

    /**
     * error → received : le premier signal tombé en error faute de bourse, relancé pour la seule synchronisation
     * initiale ({@code guard} : les conditions SQL qui la rendent encore due, voir InitialSync). Vrai si relancé.
     */
    boolean reopenForInitialSync(String signalId, String errorMessage, String notBefore, String guard, Object... guardParams) {
        Object[] params = new Object[3 + guardParams.length];
        params[0] = signalId;
        params[1] = errorMessage;
        params[2] = notBefore;
        System.arraycopy(guardParams, 0, params, 3, guardParams.length);
        return sql.update("UPDATE signals SET status = 'received', error_message = NULL "
                + "WHERE signal_id = ? AND status = 'error' AND error_message = ? AND received_at >= ? " + guard, params) == 1;
    }
}
