package com.calvalot.setup;

import java.time.Clock;

import com.calvalot.config.Settings;
import com.calvalot.config.TradingMode;
import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * En mode installation, la base est créée avec le budget par défaut (l'API répond comme sans
 * leader). Tant qu'elle n'a suivi personne — aucun signal, aucun ordre, aucun dépôt ni retrait —
 * l'enregistrement de la page lui donne le budget et le mode choisis, et efface les instantanés
 * d'un portefeuille que personne n'avait encore choisi. Une base qui a déjà vécu n'est jamais touchée.
 */
public class UnusedBudget {

    private final Sql sql;
    private final Clock clock;

    public UnusedBudget(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Vrai si la base était inutilisée et porte maintenant le budget de {@code next}. */
    public boolean adopt(Settings next) {
        return sql.computeInTransaction(tx -> {
            Integer used = tx.one("SELECT (SELECT count(*) FROM signals) + (SELECT count(*) FROM trades)"
                    + " + (SELECT count(*) FROM order_intents) + (SELECT count(*) FROM withdrawals)"
                    + " + (SELECT count(*) FROM deposits WHERE kind <> 'initial')", rs -> rs.getInt(1));
            if (used == null || used > 0) {
                return false;
            }
            String amount = Money.toDb(next.initialBudgetEur());
            String now = Timestamps.now(clock);
            boolean simulated = next.tradingMode() == TradingMode.DRY_RUN;
            int budget = tx.update("UPDATE budget SET mode = ?, initial_total_eur = ?, total_deposited_eur = ?, created_at = ? WHERE id = 1",
                    next.tradingMode().wireName(), amount, amount, now);
            if (budget == 0) {
                return false;
            }
            tx.update("UPDATE deposits SET amount_eur = ?, eurusdc_rate = NULL, amount_usdt = NULL, is_simulated = ?, created_at = ? "
                    + "WHERE kind = 'initial'", amount, simulated ? 1 : 0, now);
            tx.update("DELETE FROM portfolio_snapshots");
            return true;
        });
    }
}
