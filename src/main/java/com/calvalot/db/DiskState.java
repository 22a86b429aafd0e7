package com.calvalot.db;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Ce que la dernière écriture refusée par le disque a dit (SQLITE_FULL, une carte remontée en
 * lecture seule, une erreur d'écriture) : tenu EN MÉMOIRE, puisque justement rien ne peut plus
 * s'écrire. Posé par {@link Sql} et {@link SqlTransaction} à chaque écriture refusée ; effacé par
 * celui qui a constaté qu'une écriture passe de nouveau (la garde du disque plein, agent).
 */
public final class DiskState {

    private volatile String refusal;

    /** L'état du disque de cette base (celui du pool de connexions), ou un état à part. */
    public static DiskState of(DataSource dataSource) {
        return dataSource instanceof ConnectionPool pool ? pool.diskState() : new DiskState();
    }

    /** Vrai depuis la dernière écriture refusée par le disque, jusqu'à {@link #writable()}. */
    public boolean full() {
        return refusal != null;
    }

    /** La raison donnée par SQLite, ou null. */
    public String refusal() {
        return refusal;
    }

    /** Une écriture a réussi de nouveau : le disque accepte. */
    public void writable() {
        refusal = null;
    }

    /** Retient l'échec s'il vient du disque (plein, en lecture seule, illisible en écriture). */
    void failed(Throwable error) {
        String reason = diskRefusal(error);
        if (reason != null) {
            refusal = reason;
        }
    }

    /** La raison si {@code error} (ou une de ses causes) est un refus du disque, sinon null. */
    public static String diskRefusal(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLiteException sqlite && byDisk(sqlite.getResultCode())) {
                return sqlite.getResultCode().name() + " (" + sqlite.getResultCode().message + ")";
            }
            if (e instanceof SQLException sql && !(e instanceof SQLiteException) && byDisk(sql.getErrorCode() & 0xff)) {
                return "SQLite error " + sql.getErrorCode();
            }
        }
        return null;
    }

    private static boolean byDisk(SQLiteErrorCode code) {
        return code != null && byDisk(code.code & 0xff);
    }

    /** SQLITE_FULL (13), SQLITE_READONLY (8) et ses variantes, SQLITE_IOERR (10) et ses variantes. */
    private static boolean byDisk(int primary) {
        return primary == 13 || primary == 8 || primary == 10;
    }
}
