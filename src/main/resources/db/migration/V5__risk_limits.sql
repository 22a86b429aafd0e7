-- Les limites de risque (trading-rules.md, « Risk limits »).
-- Ce qu'une limite a fait à un ordre (coupé par MAX_ORDER_USDC, écarté par EXCLUDE_COINS) ; la
-- colonne reason garde l'issue de l'ordre, celle-ci ne change plus après le plan.
ALTER TABLE order_intents ADD COLUMN limit_reason TEXT;
-- Pourquoi l'agent est en pause : 'manual' ou 'drawdown' (NULL quand il ne l'est pas).
ALTER TABLE agent_state ADD COLUMN pause_reason TEXT;
-- Le sommet de la valeur en EUR depuis le dernier dépôt, retrait ou reprise, et la marque des
-- dépôts et retraits connus quand il a été posé (un nouveau mouvement le remet à zéro).
ALTER TABLE agent_state ADD COLUMN drawdown_peak_eur TEXT;
ALTER TABLE agent_state ADD COLUMN drawdown_basis TEXT;
