-- L'actif dans lequel Binance a pris la commission d'un trade (BTC, USDC, BNB…) ; fee_usdt en
-- garde la valeur en USDC (une commission en BNB est valorisée au prix BNBUSDC du signal).
-- Les trades antérieurs : la simulation paie en USDC ; un trade live ancien reste inconnu (NULL).
ALTER TABLE trades ADD COLUMN fee_asset TEXT;
UPDATE trades SET fee_asset = 'USDC' WHERE is_simulated = 1;
