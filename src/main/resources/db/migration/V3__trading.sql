-- Les écarts entre le registre local et les soldes réels de Binance, constatés avant chaque signal
-- live (la bourse a raison ; la position locale est corrigée, l'écart gardé ici).
CREATE TABLE position_drift (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    coin              TEXT NOT NULL,
    ledger_quantity   TEXT NOT NULL,
    exchange_quantity TEXT NOT NULL,
    created_at        TEXT NOT NULL
);
-- La reprise relit les intentions d'un signal dans l'ordre.
CREATE INDEX idx_intents_signal ON order_intents (signal_id, seq);
