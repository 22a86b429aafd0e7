-- Le rapport de copie d'un signal exécuté qui porte un portfolio_state (parts visées et atteintes,
-- plus grand écart, coût), calculé une fois à la fin du signal : l'API relit ce JSON, ne recalcule rien.
ALTER TABLE signals ADD COLUMN copy_report TEXT;
