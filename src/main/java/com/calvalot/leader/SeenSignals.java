package com.calvalot.leader;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.Sql;

/**
 * Les signal_id déjà vus, dans la base (table CAMEL_MESSAGEPROCESSED, celle du dépôt JDBC de
 * camel-sql, dont ce dépôt reprend le comportement sans Spring), donc à travers les redémarrages.
 * Au démarrage, une clé sans ligne dans signals (le processus tué entre les deux écritures) est
 * retirée : le signal sera repris au prochain poll au lieu d'être perdu.
 */
public final class SeenSignals extends ServiceSupport implements IdempotentRepository {

    public static final String PROCESSOR_NAME = "leader-signals";
    private static final Logger LOG = LoggerFactory.getLogger(SeenSignals.class);

    private final Sql sql;

    private SeenSignals(Sql sql) {
        this.sql = sql;
    }

    public static SeenSignals repository(Sql sql) {
        return new SeenSignals(sql);
    }

    /** Vrai si la clé est nouvelle (et désormais vue) ; lue puis écrite dans une seule transaction. */
    @Override
    public boolean add(String key) {
        return sql.computeInTransaction(tx -> {
            if (tx.one("SELECT 1 FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?",
                    rs -> rs.getInt(1), PROCESSOR_NAME, key) != null) {
                return false;
            }
            // createdAt en millisecondes, comme l'écrivait le dépôt de camel-sql
            tx.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                    PROCESSOR_NAME, key, System.currentTimeMillis());
            return true;
        });
    }

    @Override
    public boolean contains(String key) {
        return sql.one("SELECT 1 FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?",
                rs -> rs.getInt(1), PROCESSOR_NAME, key) != null;
    }

    /** Un échec du traitement retire la clé : le signal sera relu au prochain poll. */
    @Override
    public boolean remove(String key) {
        return sql.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?",
                PROCESSOR_NAME, key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        sql.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?", PROCESSOR_NAME);
    }

    /** Retire les clés orphelines (jamais celles des corps rejetés sans identifiant, préfixe « body: »). */
    public static void repair(Sql sql) {
        int removed = sql.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? "
                + "AND messageId NOT LIKE 'body:%' "
                + "AND messageId NOT IN (SELECT signal_id FROM signals WHERE signal_id IS NOT NULL)", PROCESSOR_NAME);
        if (removed > 0) {
            LOG.warn("{} signal id(s) marked seen but never recorded (interrupted start-up?): they will be polled again", removed);
        }
    }
}
