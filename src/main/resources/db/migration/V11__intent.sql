-- L'intention (issue « Follow the leader's latest word ») : un signal dépassé par un plus récent finit
-- 'partial' quand une partie seulement a été exécutée ; la contrainte CHECK de signals ne se modifie pas
-- en SQLite, la table est donc reconstruite à l'identique, ce statut en plus.
CREATE TABLE signals_v11 (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    signal_id            TEXT UNIQUE,
    version              INTEGER,
    confidence           TEXT,
    reasoning            TEXT,
    actions              TEXT NOT NULL DEFAULT '[]',
    portfolio_state      TEXT,
    status               TEXT NOT NULL CHECK (status IN ('received', 'executing', 'executed', 'partial', 'skipped', 'rejected', 'error')),
    error_message        TEXT,
    received_at          TEXT NOT NULL,
    executed_at          TEXT,
    copy_report          TEXT,
    perfect_copy_applied INTEGER NOT NULL DEFAULT 0
);
INSERT INTO signals_v11 (id, signal_id, version, confidence, reasoning, actions, portfolio_state, status, error_message,
    received_at, executed_at, copy_report, perfect_copy_applied)
    SELECT id, signal_id, version, confidence, reasoning, actions, portfolio_state, status, error_message,
    received_at, executed_at, copy_report, perfect_copy_applied FROM signals;
DROP TABLE signals;
ALTER TABLE signals_v11 RENAME TO signals;
CREATE INDEX idx_signals_status ON signals (status);
CREATE INDEX idx_signals_received_at ON signals (received_at, id);

-- L'argent qui bouge est un flux. Un dépôt adopté par la réconciliation (source 'account') ou un retrait
-- constaté (statut 'moved_away') porte l'actif et la quantité quand ce n'est pas de l'USDC (NULL : USDC).
-- unmatched_usdt : l'USDC adopté en LIVE_SIZING=wallet qu'aucun dépôt déclaré n'a encore reconnu.
ALTER TABLE deposits ADD COLUMN source TEXT;
ALTER TABLE deposits ADD COLUMN asset TEXT;
ALTER TABLE deposits ADD COLUMN quantity TEXT;
ALTER TABLE deposits ADD COLUMN unmatched_usdt TEXT;
-- LIVE_SIZING=budget : l'USDC d'un dépôt enregistré qui n'est pas encore arrivé sur le compte (en route : ni un
-- écart ni de l'argent possédé) ; NULL une fois arrivé.
ALTER TABLE deposits ADD COLUMN awaiting_usdt TEXT;
ALTER TABLE withdrawals ADD COLUMN asset TEXT;
ALTER TABLE withdrawals ADD COLUMN quantity TEXT;

-- LIVE_SIZING=wallet : l'USDC que le registre attend sur le compte (libre + bloqué), ancré à la première
-- lecture fiable, puis bougé par chaque exécution et chaque flux ; un écart se suit comme celui d'une pièce.
CREATE TABLE wallet_cash (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    usdc        TEXT NOT NULL,
    anchored_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- La mort n'est que du trading et des prix : les derniers retrait et dépôt connus quand la valeur était
-- au-dessus de 5 EUR ; la valeur, flux d'argent depuis remis, juge (l'argent déplacé ne tue jamais).
ALTER TABLE agent_state ADD COLUMN healthy_withdrawal_id INTEGER;
ALTER TABLE agent_state ADD COLUMN healthy_deposit_id INTEGER;
UPDATE agent_state SET healthy_withdrawal_id = (SELECT coalesce(max(id), 0) FROM withdrawals),
    healthy_deposit_id = (SELECT coalesce(max(id), 0) FROM deposits);
