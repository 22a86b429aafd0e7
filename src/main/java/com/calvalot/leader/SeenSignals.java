package com.calvalot.leader;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.Sql;

/**
 * Les signal_id déjà vus, dans la base (le dépôt idempotent JDBC de camel-sql), donc à travers les
 * redémarrages. Au démarrage, une clé sans ligne dans signals (le processus tué entre les deux
 * écritures) est retirée : le signal sera repris au prochain poll au lieu d'être perdu.
 */
public final class SeenSignals {

    public static final String PROCESSOR_NAME = "leader-signals";
    private static final Logger LOG = LoggerFactory.getLogger(SeenSignals.class);

    private SeenSignals() {
    }

    public static JdbcMessageIdRepository repository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        return repository;
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
