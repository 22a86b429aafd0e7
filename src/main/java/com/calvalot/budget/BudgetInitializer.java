package com.calvalot.budget;

import java.time.Clock;
import javax.sql.DataSource;

import com.calvalot.config.Settings;
import com.calvalot.config.TradingMode;
import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Le premier dépôt (INITIAL_BUDGET_EUR), une seule fois, à la création de la base.
 * Le cours EURUSDC n'est pas lu ici (le démarrage n'attend jamais la bourse) : le dépôt est
 * converti en USDC à la première lecture du cours.
 */
public final class BudgetInitializer {

    private BudgetInitializer() {
    }

    /** Vrai si la base vient d'être initialisée par cet appel. */
    public static boolean ensure(DataSource dataSource, Settings settings, Clock clock) {
        try {
            return new Sql(dataSource).computeInTransaction(tx -> {
                if (tx.one("SELECT 1 FROM budget WHERE id = 1", rs -> rs.getInt(1)) != null) {
                    return false;
                }
                String now = Timestamps.now(clock);
                String amount = Money.toDb(settings.initialBudgetEur());
                tx.update("INSERT INTO budget (id, mode, initial_total_eur, total_deposited_eur, created_at) VALUES (1, ?, ?, ?, ?)",
                        settings.tradingMode().wireName(), amount, amount, now);
                tx.update("INSERT INTO deposits (kind, amount_eur, is_simulated, created_at) VALUES ('initial', ?, ?, ?)",
                        amount, settings.tradingMode() == TradingMode.DRY_RUN ? 1 : 0, now);
                return true;
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot initialise the budget: " + e.getMessage(), e);
        }
    }
}
