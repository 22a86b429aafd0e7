package com.calvalot.agent;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/** La ligne unique agent_state : pause, mort, dernier poll, synchronisation initiale. */
public class AgentStateRepository {

    public static final String MANUAL = "manual";
    public static final String DRAWDOWN = "drawdown";
    /** La pause que l'agent prend seul quand le disque refuse les écritures, et lève seul (DiskFullGuard). */
    public static final String DISK_FULL = "disk_full";

    private final Sql sql;
    // le portail des ordres : une vague décide si elle part et s'écrit « sending » sous le verrou partagé ;
    // une pause ou une mort s'écrit sous le verrou exclusif. Une pause confirmée à l'utilisateur est donc
    // postérieure à toute vague déjà validée, et aucune vague ne passe après elle.
    private final ReentrantReadWriteLock orderGate = new ReentrantReadWriteLock();

    public AgentStateRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * {@code decideAndMark} (vérifier qu'un signal peut encore passer des ordres, puis écrire sa vague
     * « sending ») sans qu'une pause ou une mort ne s'écrive au milieu. Court : aucun appel réseau dedans.
     */
    public <T> T throughOrderGate(Supplier<T> decideAndMark) {
        orderGate.readLock().lock();
        try {
            return decideAndMark.get();
        } finally {
            orderGate.readLock().unlock();
        }
    }

    private <T> T closingOrderGate(Supplier<T> write) {
        orderGate.writeLock().lock();
        try {
            return write.get();
        } finally {
            orderGate.writeLock().unlock();
        }
    }

    /** En pause : écrite en base, ou tenue en mémoire tant que le disque refuse d'écrire la pause elle-même. */
    public boolean isPaused() {
        return sql.disk().full() || flag("paused");
    }

    public void setPaused(boolean paused) {
        if (paused) {
            pause(MANUAL);
        } else {
            resume();
        }
    }

    /** Met l'agent en pause pour {@code reason} ; faux s'il l'était déjà ou s'il est mort (rien n'est changé). */
    public boolean pause(String reason) {
        return closingOrderGate(() -> sql.update(
                "UPDATE agent_state SET paused = 1, pause_reason = ? WHERE id = 1 AND paused = 0 AND dead = 0", reason) == 1);
    }

    /** La reprise par une personne ; le sommet de la valeur repart de la valeur suivante (PAUSE_ON_DRAWDOWN_PCT). */
    public void resume() {
        sql.update("UPDATE agent_state SET paused = 0, pause_reason = NULL, drawdown_peak_eur = NULL, drawdown_basis = NULL "
                + "WHERE id = 1");
    }

    /**
     * {@code manual}, {@code drawdown} ou {@code disk_full} en pause (une pause d'avant les limites est
     * manuelle), sinon null ; le disque plein l'emporte quand la pause n'a pas pu être écrite.
     */
    public String pauseReason() {
        String stored = storedPauseReason();
        return stored == null && sql.disk().full() ? DISK_FULL : stored;
    }

    /** La pause écrite en base seulement. */
    public String storedPauseReason() {
        return sql.one("SELECT CASE WHEN paused = 0 THEN NULL ELSE coalesce(pause_reason, ?) END FROM agent_state WHERE id = 1",
                rs -> rs.getString(1), MANUAL);
    }

    /** La reprise après un disque plein : ne lève que la pause {@code disk_full} (jamais une pause manuelle ou drawdown). */
    public boolean resumeAfterDiskFull() {
        return sql.update("UPDATE agent_state SET paused = 0, pause_reason = NULL WHERE id = 1 AND paused = 1 AND pause_reason = ?",
                DISK_FULL) == 1;
    }

    /** Une vraie écriture (la page de la ligne repart sur le disque), pour savoir si le disque accepte de nouveau. */
    public void probeWrite() {
        sql.update("UPDATE agent_state SET pause_reason = pause_reason WHERE id = 1");
    }

    public boolean isDead() {
        return flag("dead");
    }

    /** La mort est définitive : aucune méthode ne la défait. */
    public void markDead(String reason) {
        closingOrderGate(() -> sql.update("UPDATE agent_state SET dead = 1, dead_reason = ? WHERE id = 1 AND dead = 0", reason));
    }

    /** L'heure de la première lecture sous 5 EUR de la série en cours, ou null. */
    public java.time.Instant lowValueSince() {
        String since = sql.one("SELECT low_value_since FROM agent_state WHERE id = 1", rs -> rs.getString(1));
        return since == null ? null : java.time.Instant.parse(since);
    }

    /** Une série sous 5 EUR commence ({@code since}) ou finit (null). */
    public void setLowValueSince(java.time.Instant since) {
        sql.update("UPDATE agent_state SET low_value_since = ? WHERE id = 1", since == null ? null : since.toString());
    }

    /**
     * Les écarts suivis entre le registre et le compte (balance_drift_watch, trading-rules.md) : actif,
     * quantités du registre et du compte, depuis quand, combien de lectures, et si le registre a suivi.
     */
    public java.util.List<java.util.Map<String, Object>> balanceDrifts() {
        return sql.list("SELECT coin, ledger_quantity, exchange_quantity, first_seen_at, readings, followed "
                + "FROM balance_drift_watch ORDER BY coin", rs -> {
                    java.util.Map<String, Object> drift = new java.util.LinkedHashMap<>();
                    drift.put("coin", rs.getString(1));
                    drift.put("ledger_quantity", Money.forJson(Money.fromDb(rs.getString(2))));
                    drift.put("exchange_quantity", Money.forJson(Money.fromDb(rs.getString(3))));
                    drift.put("since", rs.getString(4));
                    drift.put("readings", rs.getInt(5));
                    drift.put("ledger_followed", rs.getInt(6) == 1);
                    return drift;
                });
    }

    /** Vrai tant qu'un écart suivi n'a pas encore été suivi par le registre (il peut guérir). */
    public boolean balanceDriftPending() {
        Integer pending = sql.one("SELECT count(*) FROM balance_drift_watch WHERE followed = 0", rs -> rs.getInt(1));
        return pending != null && pending > 0;
    }

    /**
     * « no USDC to follow with » quand le dernier instantané vaut moins de 5 EUR sans que l'agent soit mort
     * (l'argent a été déplacé : rien à suivre tant qu'il ne revient pas), sinon null.
     */
    public String fundsWarning() {
        String last = sql.one("SELECT total_value_eur FROM portfolio_snapshots ORDER BY id DESC LIMIT 1", rs -> rs.getString(1));
        if (last == null || Money.fromDb(last).compareTo(Money.MIN_BUDGET_EUR) >= 0) {
            return null;
        }
        return "no USDC to follow with: the follower holds " + Money.cents(Money.fromDb(last))
                + " EUR, under the " + Money.MIN_BUDGET_EUR + " EUR minimum; it follows again once USDC is back";
    }

    public String deadReason() {
        return sql.one("SELECT dead_reason FROM agent_state WHERE id = 1", rs -> rs.getString(1));
    }

    public boolean isInitialSyncDone() {
        return flag("initial_sync_done");
    }

    public void markInitialSyncDone() {
        sql.update("UPDATE agent_state SET initial_sync_done = 1 WHERE id = 1");
    }

    /** Le dernier poll : l'objet JSON servi par l'API et l'heure Unix. */
    public void recordPoll(String lastPollJson, long unixSeconds) {
        sql.update("UPDATE agent_state SET last_poll = ?, last_poll_time = ? WHERE id = 1", lastPollJson, unixSeconds);
    }

    private String lastPollJson() {
        return sql.one("SELECT last_poll FROM agent_state WHERE id = 1", rs -> rs.getString(1));
    }

    /** Le dernier poll lu en JSON (l'objet de l'API), ou null s'il n'y en a pas eu. */
    public JsonNode lastPoll() {
        String json = lastPollJson();
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    public Long lastPollTime() {
        return nullableLong("last_poll_time");
    }

    public void recordSignalTime(long unixSeconds) {
        sql.inTransaction(tx -> recordSignalTime(tx, unixSeconds));
    }

    /** Idem, dans la transaction qui enregistre le signal. */
    public static void recordSignalTime(SqlTransaction tx, long unixSeconds) {
        tx.update("UPDATE agent_state SET last_signal_time = ?, no_signal_alert = 0 WHERE id = 1", unixSeconds);
    }

    public Long lastSignalTime() {
        return nullableLong("last_signal_time");
    }

    public boolean isNoSignalAlertRaised() {
        return flag("no_signal_alert");
    }

    public void setNoSignalAlert(boolean raised) {
        sql.update("UPDATE agent_state SET no_signal_alert = ? WHERE id = 1", raised ? 1 : 0);
    }

    public String updateFlagVersion() {
        return sql.one("SELECT update_flag_version FROM agent_state WHERE id = 1", rs -> rs.getString(1));
    }

    public void setUpdateFlagVersion(String latestVersion) {
        sql.update("UPDATE agent_state SET update_flag_version = ? WHERE id = 1", latestVersion);
    }

    private Long nullableLong(String column) {
        return sql.one("SELECT " + column + " FROM agent_state WHERE id = 1", rs -> {
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        });
    }

    private boolean flag(String column) {
        Integer value = sql.one("SELECT " + column + " FROM agent_state WHERE id = 1", rs -> rs.getInt(1));
        return value != null && value == 1;
    }
}
