package com.calvalot.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.time.Timestamps;

/**
 * Éclaircit l'historique des instantanés (README, « Retention ») au lieu d'effacer ce qui a plus
 * de 30 jours : chaque instantané sur 2 jours, le dernier de chaque heure sur 30 jours, le dernier
 * de chaque jour sur un an, rien au-delà. La table reste à environ 2 500 lignes et chaque période
 * (1d, 1w, 1m, 1y) montre ce que dit son nom. Rejouer l'éclaircissement ne change plus rien.
 */
public class SnapshotRetention {

    static final Duration EVERY_POLL = Duration.ofDays(2);
    static final Duration HOURLY = Duration.ofDays(30);
    static final Duration DAILY = Duration.ofDays(365);
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRetention.class);

    private final Sql sql;
    private final Clock clock;

    public SnapshotRetention(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Renvoie le nombre d'instantanés retirés (une seule transaction). */
    public int thin() {
        Instant now = clock.instant();
        String everyPoll = Timestamps.format(now.minus(EVERY_POLL));
        String hourly = Timestamps.format(now.minus(HOURLY));
        String daily = Timestamps.format(now.minus(DAILY));
        int deleted = sql.computeInTransaction(tx -> keepLastOf(tx, 13, hourly, everyPoll)
                + keepLastOf(tx, 10, daily, hourly)
                + tx.update("DELETE FROM portfolio_snapshots WHERE created_at < ?", daily));
        if (deleted > 0) {
            LOG.info("Housekeeping: {} snapshot(s) thinned out (kept: every poll for 2 days, hourly for 30 days, "
                    + "daily for a year)", deleted);
        }
        return deleted;
    }

    /**
     * Entre {@code from} et {@code to}, garde le dernier instantané de chaque tranche nommée par les
     * {@code prefix} premiers caractères de created_at (13 : l'heure, 10 : le jour).
     */
    private static int keepLastOf(SqlTransaction tx, int prefix, String from, String to) {
        // SQLite rend l'id de la ligne qui porte max(created_at) de chaque groupe
        return tx.update("DELETE FROM portfolio_snapshots WHERE created_at >= ? AND created_at < ? AND id NOT IN ("
                + "SELECT id FROM (SELECT id, max(created_at) FROM portfolio_snapshots WHERE created_at >= ? "
                + "AND created_at < ? GROUP BY substr(created_at, 1, " + prefix + ")))", from, to, from, to);
    }
}
