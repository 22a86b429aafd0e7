package com.calvalot.signal;

/** Les statuts d'un signal, tels que l'API les écrit. */
public enum SignalStatus {
    RECEIVED, EXECUTING, EXECUTED, SKIPPED, REJECTED, ERROR;

    public String wireName() {
        return name().toLowerCase();
    }

    public static SignalStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase());
    }

    public boolean isFinal() {
        return this == EXECUTED || this == SKIPPED || this == REJECTED || this == ERROR;
    }
}
