-- Le conseiller de budget (GET /api/copy/advisor) : chaque signal suivi garde ce sur quoi il a été
-- dimensionné (les prix des 5 paires et EURUSDC, les filtres de la bourse en vigueur, la commission, ce
-- que le suiveur possédait, jusqu'où les dépôts et retraits étaient connus), en JSON, écrit dans la
-- transaction de son plan. Une table à part, où chaque ligne s'ajoute à la fin : grossir d'un kilo-octet la
-- ligne du signal déplacerait ses voisines (une page de plus à écrire avant le premier ordre). Les signaux
-- d'avant cette version n'en ont pas (sizing_id NULL) : le conseiller ne les rejoue pas.
CREATE TABLE signal_sizing (
    id     INTEGER PRIMARY KEY,
    sizing TEXT NOT NULL
);
ALTER TABLE signals ADD COLUMN sizing_id INTEGER;
