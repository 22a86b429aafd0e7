package com.calvalot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Ce qui compte comme un refus du disque : plein, lecture seule (une carte remontée ro par le noyau),
 * erreur d'écriture ; jamais un verrou occupé ni une contrainte (ce sont des erreurs du programme).
 */
class DiskStateTest {

    private static IllegalStateException wrapped(SQLiteErrorCode code) {
        return new IllegalStateException("database write failed", new SQLiteException("refused", code));
    }

    @Test
    void fullReadOnlyAndWriteErrorsAreRefusalsOfTheDisk() {
        assertTrue(DiskState.diskRefusal(wrapped(SQLiteErrorCode.SQLITE_FULL)).startsWith("SQLITE_FULL"));
        assertTrue(DiskState.diskRefusal(wrapped(SQLiteErrorCode.SQLITE_READONLY)).startsWith("SQLITE_READONLY"));
        assertTrue(DiskState.diskRefusal(wrapped(SQLiteErrorCode.SQLITE_IOERR_WRITE)).startsWith("SQLITE_IOERR_WRITE"));
        assertTrue(DiskState.diskRefusal(wrapped(SQLiteErrorCode.SQLITE_IOERR_FSYNC)).startsWith("SQLITE_IOERR_FSYNC"));
    }

    @Test
    void aBusyDatabaseOrAConstraintIsNot() {
        assertNull(DiskState.diskRefusal(wrapped(SQLiteErrorCode.SQLITE_BUSY)));
        assertNull(DiskState.diskRefusal(wrapped(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)));
        assertNull(DiskState.diskRefusal(new IllegalStateException("no cause")));
    }

    @Test
    void theStateIsHeldUntilAWriteSucceeds() {
        DiskState state = new DiskState();
        state.failed(wrapped(SQLiteErrorCode.SQLITE_BUSY));
        assertEquals(false, state.full());
        state.failed(wrapped(SQLiteErrorCode.SQLITE_FULL));
        assertTrue(state.full());
        state.writable();
        assertEquals(false, state.full());
    }
}
