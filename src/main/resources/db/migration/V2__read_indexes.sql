-- Index des lectures fréquentes : l'historique (30 jours à une ligne par 2 min) et les listes récentes.
CREATE INDEX idx_snapshots_created_at ON portfolio_snapshots (created_at);
CREATE INDEX idx_trades_signal ON trades (signal_id);
CREATE INDEX idx_intents_status ON order_intents (status);
CREATE INDEX idx_signals_status ON signals (status);
