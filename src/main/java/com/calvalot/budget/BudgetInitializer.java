package com.calvalot.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

import com.calvalot.config.Settings;
import com.calvalot.config.TradingMode;
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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (exists(connection)) {
                    connection.rollback();
                    return false;
                }
                String now = Timestamps.now(clock);
                String amount = Money.toDb(settings.initialBudgetEur());
                try (PreparedStatement budget = connection.prepareStatement(
                        "INSERT INTO budget (id, mode, initial_total_eur, total_deposited_eur, created_at) VALUES (1, ?, ?, ?, ?)")) {
                    budget.setString(1, settings.tradingMode().wireName());
                    budget.setString(2, amount);
                    budget.setString(3, amount);
                    budget.setString(4, now);
                    budget.executeUpdate();
                }
                try (PreparedStatement deposit = connection.prepareStatement(
                        "INSERT INTO deposits (kind, amount_eur, is_simulated, created_at) VALUES ('initial', ?, ?, ?)")) {
                    deposit.setString(1, amount);
                    deposit.setInt(2, settings.tradingMode() == TradingMode.DRY_RUN ? 1 : 0);
                    deposit.setString(3, now);
                    deposit.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot initialise the budget: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM budget WHERE id = 1");
             ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }
}
