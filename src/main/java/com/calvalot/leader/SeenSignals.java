package com.calvalot.leader;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;

/**
 * Les signal_id déjà vus, dans la base (table CAMEL_MESSAGEPROCESSED, celle du dépôt JDBC de
 * camel-sql, dont ce dépôt reprend le comportement sans Spring), donc à travers les redémarrages.
 * Dans le poll, la clé d'un signal nouveau est écrite par SignalRecorder dans la transaction qui
 * enregistre le signal : jamais de clé sans signal ni de signal sans clé, une écriture disque de
 * moins avant les ordres. Au démarrage, une clé sans ligne dans signals (laissée par une version
 * qui écrivait les deux séparément) est retirée : le signal sera repris au lieu d'être perdu.
 */
public final class SeenSignals extends ServiceSupport implements IdempotentRepository {

    public static final String PROCESSOR_NAME = "leader-signals";
    /** Propriété d'échange : la clé d'un signal nouveau, à écrire avec sa ligne ({@link #write}). */
    public static final String UNWRITTEN = "seenKeyUnwritten";
    private static final Logger LOG = LoggerFactory.getLogger(SeenSignals.class);

    private final Sql sql;

    private SeenSignals(Sql sql) {
        this.sql = sql;
    }

    public static SeenSignals repository(Sql sql) {
        return new SeenSignals(sql);
    }

    /**
     * Le consommateur idempotent du poll : vrai si la clé est nouvelle. Elle n'est pas écrite ici mais
     * avec la ligne du signal (propriété {@link #UNWRITTEN}) ; les cycles de poll ne se chevauchent
     * jamais (PollCycles), personne ne peut donc la voir nouvelle entre-temps.
     */
    @Override
    public boolean add(Exchange exchange, String key) {
        if (contains(key)) {
            return false;
        }
        exchange.setProperty(UNWRITTEN, key);
        return true;
    }

    /** Vrai si la clé est nouvelle (et désormais vue) ; lue puis écrite dans une seule transaction. */
    @Override
    public boolean add(String key) {
        return sql.computeInTransaction(tx -> write(tx, key));
    }

    /** Écrit la clé dans la transaction en cours ; faux si elle était déjà là. */
    public static boolean write(SqlTransaction tx, String key) {
        // createdAt en millisecondes, comme l'écrivait le dépôt de camel-sql
        return tx.update("INSERT OR IGNORE INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) "
                + "VALUES (?, ?, ?)", PROCESSOR_NAME, key, System.currentTimeMillis()) > 0;
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
