-- Un compteur que chaque écriture du registre fait avancer, dans SA transaction (triggers) :
-- les lectures fréquentes (/api/budget, la valeur du portefeuille) gardent leur résultat tant
-- qu'il n'a pas bougé, au lieu de re-sommer tout le registre à chaque requête. Exact quel que
-- soit l'écrivain (flux de trading, dépôt, reprise d'une base d'origine…).
CREATE TABLE ledger_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO ledger_version (id, version) VALUES (1, 0);
CREATE TRIGGER ledger_trades_insert AFTER INSERT ON trades BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_trades_update AFTER UPDATE ON trades BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_trades_delete AFTER DELETE ON trades BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_deposits_insert AFTER INSERT ON deposits BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_deposits_update AFTER UPDATE ON deposits BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_deposits_delete AFTER DELETE ON deposits BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_withdrawals_insert AFTER INSERT ON withdrawals BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_withdrawals_update AFTER UPDATE ON withdrawals BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_withdrawals_delete AFTER DELETE ON withdrawals BEGIN UPDATE ledger_version SET version = version + 1 WHERE id = 1; END;
-- Les listes de l'API (les plus récents d'abord, LIMIT) lisent l'index à l'envers au lieu de trier
-- toute la table : le coût ne grandit pas avec les mois de trades et de signaux.
CREATE INDEX idx_trades_created_at ON trades (created_at, id);
CREATE INDEX idx_signals_received_at ON signals (received_at, id);
