-- La copie parfaite du leader (trading-rules.md, « Perfect copy ») : une ligne, son état (liquidités et
-- quantités fractionnaires, en texte décimal exact), d'où elle est partie, et jusqu'où elle a reçu les
-- mêmes dépôts et retraits que le suiveur. Chaque signal accepté est suivi une fois (signals.perfect_copy_applied).
CREATE TABLE perfect_copy (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    cash_usdt          TEXT NOT NULL,
    holdings           TEXT NOT NULL,
    started_at         TEXT NOT NULL,
    last_deposit_id    INTEGER NOT NULL,
    last_withdrawal_id INTEGER NOT NULL,
    signals            INTEGER NOT NULL,
    updated_at         TEXT NOT NULL
);
ALTER TABLE signals ADD COLUMN perfect_copy_applied INTEGER NOT NULL DEFAULT 0;
-- Sa valeur à chaque instantané, aux mêmes prix : l'éclaircissement des instantanés la garde exacte.
ALTER TABLE portfolio_snapshots ADD COLUMN perfect_value_eur TEXT;
