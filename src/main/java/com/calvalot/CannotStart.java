package com.calvalot;

/**
 * Un démarrage refusé pour une cause que l'utilisateur corrige lui-même (un port déjà pris, un
 * système sans bibliothèque SQLite) : une ligne « calv-a-lot: cannot start: … » et le code 2,
 * comme un mauvais réglage.
 */
public final class CannotStart extends RuntimeException {

    public CannotStart(String message) {
        super(message, null, false, false);
    }
}
