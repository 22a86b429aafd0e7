-- Un compte Binance partagé (trading-rules.md, « Capital » et « Survival ») : un écart entre le
-- registre et le compte (pièces parties en Earn, transfert, ordre de l'utilisateur) n'est jamais
-- radié sur une lecture. Il est suivi ici, une ligne par actif, jusqu'à ce qu'il guérisse ou que le
-- registre suive le compte (3 lectures sur au moins 10 minutes).
CREATE TABLE balance_drift_watch (
    coin              TEXT PRIMARY KEY,
    ledger_quantity   TEXT NOT NULL,
    exchange_quantity TEXT NOT NULL,
    first_seen_at     TEXT NOT NULL,
    last_reading_at   TEXT NOT NULL,
    readings          INTEGER NOT NULL,
    followed          INTEGER NOT NULL DEFAULT 0
);
-- La mort demande une valeur sous 5 EUR confirmée sur des instantanés fiables pendant 10 minutes :
-- l'heure de la première lecture basse de la série en cours (null : pas de série).
ALTER TABLE agent_state ADD COLUMN low_value_since TEXT;
-- Une commission payée en BNB par la position BNB du suiveur lui-même (1) ne sort pas de ses liquidités.
ALTER TABLE trades ADD COLUMN fee_in_position INTEGER NOT NULL DEFAULT 0;
