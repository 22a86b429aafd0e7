-- Schéma initial de Calv-a-lot.
-- L'argent est stocké en texte décimal exact (BigDecimal.toPlainString), jamais en REAL.
-- Les dates sont du texte ISO-8601 UTC avec Z, à la seconde ("2026-11-24T21:00:00Z") :
-- l'ordre alphabétique est l'ordre chronologique.

-- Le budget : une seule ligne, créée au premier démarrage.
CREATE TABLE budget (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    mode                TEXT NOT NULL,
    initial_total_eur   TEXT NOT NULL,
    total_deposited_eur TEXT NOT NULL,
    total_withdrawn_eur TEXT NOT NULL DEFAULT '0',
    created_at          TEXT NOT NULL
);

-- Chaque dépôt ; amount_usdt est la valeur en USDC au cours EURUSDC du moment du dépôt
-- (NULL tant que le cours n'a pas encore pu être lu : converti à la première lecture).
CREATE TABLE deposits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('initial', 'deposit')),
    amount_eur   TEXT NOT NULL,
    eurusdc_rate TEXT,
    amount_usdt  TEXT,
    is_simulated INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE withdrawals (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    amount_eur_requested TEXT NOT NULL,
    amount_usdt_sold     TEXT NOT NULL,
    amount_eur_received  TEXT NOT NULL,
    eurusdc_rate         TEXT NOT NULL,
    positions_sold       TEXT NOT NULL DEFAULT '[]',
    status               TEXT NOT NULL,
    is_simulated         INTEGER NOT NULL,
    created_at           TEXT NOT NULL
);

-- Les signaux reçus ; signal_id est NULL pour un corps rejeté sans identifiant utilisable.
CREATE TABLE signals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    signal_id       TEXT UNIQUE,
    version         INTEGER,
    confidence      TEXT,
    reasoning       TEXT,
    actions         TEXT NOT NULL DEFAULT '[]',
    portfolio_state TEXT,
    status          TEXT NOT NULL CHECK (status IN ('received', 'executing', 'executed', 'skipped', 'rejected', 'error')),
    error_message   TEXT,
    received_at     TEXT NOT NULL,
    executed_at     TEXT
);

-- L'intention d'ordre, validée AVANT l'envoi : après un crash on demande à la bourse
-- ce qu'elle a reçu sous client_order_id avant de renvoyer quoi que ce soit.
CREATE TABLE order_intents (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    signal_id         TEXT NOT NULL,
    seq               INTEGER NOT NULL,
    client_order_id   TEXT NOT NULL UNIQUE,
    coin              TEXT NOT NULL,
    side              TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quote_amount_usdt TEXT,
    quantity          TEXT,
    status            TEXT NOT NULL,
    reason            TEXT,
    exchange_order_id TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (signal_id, seq)
);

CREATE TABLE trades (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    signal_id       TEXT,
    client_order_id TEXT UNIQUE,
    coin            TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('BUY', 'SELL')),
    amount_usdt     TEXT NOT NULL,
    price           TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    fee_usdt        TEXT NOT NULL,
    is_simulated    INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE positions (
    coin                TEXT PRIMARY KEY,
    quantity            TEXT NOT NULL,
    avg_entry_price     TEXT NOT NULL,
    total_invested_usdt TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE portfolio_snapshots (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    total_value_eur      TEXT NOT NULL,
    portfolio_value_usdt TEXT NOT NULL,
    cash_usdt            TEXT NOT NULL,
    created_at           TEXT NOT NULL
);

-- L'état de l'agent : une seule ligne. last_poll est l'objet JSON servi par l'API.
CREATE TABLE agent_state (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    paused              INTEGER NOT NULL DEFAULT 0,
    dead                INTEGER NOT NULL DEFAULT 0,
    dead_reason         TEXT,
    last_poll           TEXT,
    last_poll_time      INTEGER,
    last_signal_time    INTEGER,
    initial_sync_done   INTEGER NOT NULL DEFAULT 0,
    update_flag_version TEXT,
    no_signal_alert     INTEGER NOT NULL DEFAULT 0
);
INSERT INTO agent_state (id) VALUES (1);

-- Le dépôt idempotent persistant de Camel (JdbcMessageIdRepository), clé = signal_id.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(255) NOT NULL,
    createdAt     TIMESTAMP NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
