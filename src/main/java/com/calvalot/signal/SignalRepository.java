package com.calvalot.signal;

import java.time.Clock;
import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.time.Timestamps;

/** La table signals : le flux du leader y écrit la réception, le flux de trading l'issue. */
public class SignalRepository {

    private final Sql sql;
    private final Clock clock;

    public SignalRepository(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Le statut d'un signal, ou null s'il n'a jamais été enregistré. */
    public SignalStatus status(String signalId) {
        String wire = sql.one("SELECT status FROM signals WHERE signal_id = ?", rs -> rs.getString(1), signalId);
        return wire == null ? null : SignalStatus.fromWire(wire);
    }

    /** Le message d'erreur ou les raisons d'un signal (null s'il n'en a pas). */
    public String errorMessage(String signalId) {
        return sql.one("SELECT error_message FROM signals WHERE signal_id = ?", rs -> rs.getString(1), signalId);
    }

    public void markExecuting(String signalId) {
        sql.update("UPDATE signals SET status = 'executing' WHERE signal_id = ?", signalId);
    }

    /** L'issue finale (executed, skipped, error) avec son message ; executed_at est posé. */
    public void markOutcome(String signalId, SignalStatus status, String message) {
        sql.update("UPDATE signals SET status = ?, error_message = ?, executed_at = ? WHERE signal_id = ?",
                status.wireName(), message, Timestamps.now(clock), signalId);
    }

    /** Un signal qui attend la bourse reste « executing » ; son message dit pourquoi. */
    public void noteWaiting(String signalId, String reason) {
        sql.update("UPDATE signals SET error_message = ? WHERE signal_id = ? AND status = 'executing'", reason, signalId);
    }

    /** L'heure de réception d'un signal (null s'il est inconnu). */
    /** Un rééquilibrage (v2, synchronisation initiale comprise) plutôt qu'un rejeu d'actions (v1). */
    public boolean isRebalance(String signalId) {
        Integer version = sql.one("SELECT version FROM signals WHERE signal_id = ?", rs -> rs.getInt(1), signalId);
        return version != null && version == 2;
    }

    public java.time.Instant receivedAt(String signalId) {
        return Timestamps.parse(sql.one("SELECT received_at FROM signals WHERE signal_id = ?", rs -> rs.getString(1), signalId));
    }

    /** Les signaux interrompus (received ou executing) : à reprendre au démarrage. */
    public List<String> unfinished() {
        return sql.list("SELECT signal_id FROM signals WHERE status IN ('received', 'executing') "
                + "AND signal_id IS NOT NULL ORDER BY id", rs -> rs.getString(1));
    }
}
