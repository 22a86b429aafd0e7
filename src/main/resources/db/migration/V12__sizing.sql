-- Le conseiller de budget (GET /api/copy/advisor) : chaque signal suivi garde ce sur quoi il a été
-- dimensionné (les prix des 5 paires et EURUSDC, les filtres de la bourse en vigueur, la commission, ce
-- que le suiveur possédait, jusqu'où les dépôts et retraits étaient connus), en JSON, écrit dans la
-- transaction de son plan. Les signaux d'avant cette version n'en ont pas : le conseiller ne les rejoue pas.
ALTER TABLE signals ADD COLUMN sizing TEXT;
