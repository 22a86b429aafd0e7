package com.calvalot.signal;

/**
 * Les statuts d'un signal, tels que l'API les écrit. {@code PARTIAL} : un signal dépassé par un plus
 * récent, dont une partie seulement a été exécutée (le reste abandonné, jamais envoyé après le nouveau).
 */
public enum SignalStatus {
    RECEIVED, EXECUTING, EXECUTED, PARTIAL, SKIPPED, REJECTED, ERROR;

    public String wireName() {
        return name().toLowerCase();
    }

    public static SignalStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase());
    }

    public boolean isFinal() {
        return this == EXECUTED || this == PARTIAL || this == SKIPPED || this == REJECTED || this == ERROR;
    }
}
