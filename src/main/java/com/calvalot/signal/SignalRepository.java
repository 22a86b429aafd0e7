package com.calvalot.signal;

import java.util.List;

import com.calvalot.db.Sql;

/**
 * La table signals, en lecture : le flux du leader y écrit la réception (SignalRecorder), le flux de
 * trading fait avancer le statut (trade.SignalLifecycle, le seul à l'écrire).
 */
public class SignalRepository {

    private final Sql sql;

    public SignalRepository(Sql sql) {
        this.sql = sql;
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

    /** Un rééquilibrage (v2, synchronisation initiale comprise) plutôt qu'un rejeu d'actions (v1). */
    public boolean isRebalance(String signalId) {
        Integer version = sql.one("SELECT version FROM signals WHERE signal_id = ?", rs -> rs.getInt(1), signalId);
        return version != null && version == 2;
    }

    /** Les signaux interrompus (received ou executing) : à reprendre au démarrage. */
    public List<String> unfinished() {
        return sql.list("SELECT signal_id FROM signals WHERE status IN ('received', 'executing') "
                + "AND signal_id IS NOT NULL ORDER BY id", rs -> rs.getString(1));
    }
}
