package com.calvalot.config;

public enum TradingMode {
    DRY_RUN("dry_run"), LIVE("live");

    private final String wireName;

    TradingMode(String wireName) {
        this.wireName = wireName;
    }

    /** Le nom tel que l'API et la configuration l'écrivent. */
    public String wireName() {
        return wireName;
    }
}
