-- LIVE_SIZING=wallet : une commission payée en BNB que la position BNB ne couvre pas encore (le BNB
-- venait d'un achat pas encore écrit, ou pas encore adopté) est due par la position, en texte décimal
-- exact, sur la ligne BNBUSDC ; elle est payée quand ce BNB est écrit, oubliée quand le registre
-- reprend le chiffre du compte (qui l'a déjà ôtée).
ALTER TABLE positions ADD COLUMN commission_owed TEXT NOT NULL DEFAULT '0';
