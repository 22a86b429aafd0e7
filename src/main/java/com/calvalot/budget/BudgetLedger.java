package com.calvalot.budget;

import java.math.BigDecimal;
import java.time.Clock;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Le budget : lecture de la ligne unique, dépôt (une ligne deposits + le total déposé, dans une
 * même transaction) et correction du total déposé (pour le P&L seulement).
 */
public class BudgetLedger {

    private final Sql sql;
    private final Clock clock;

    public BudgetLedger(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** La ligne du budget, ou null avant toute initialisation. */
    public BudgetRow read() {
        return sql.one("SELECT mode, initial_total_eur, total_deposited_eur, total_withdrawn_eur, created_at FROM budget WHERE id = 1",
                rs -> new BudgetRow(rs.getString(1), Money.fromDb(rs.getString(2)), Money.fromDb(rs.getString(3)),
                        Money.fromDb(rs.getString(4)), rs.getString(5)));
    }

    /**
     * Ajoute un dépôt ; {@code ledgerCash} (dry run, ou live avec LIVE_SIZING=budget) : une ligne
     * deposits porte le montant en USDC au cours donné ({@code eurUsdc} null : converti plus tard au
     * premier cours connu), {@code simulated} dit si cet USDC est simulé.
     * Renvoie le nouveau total déposé, ou null si le budget n'existe pas (rien n'est écrit).
     */
    public synchronized BigDecimal deposit(BigDecimal amountEur, boolean ledgerCash, boolean simulated, BigDecimal eurUsdc) {
        return sql.computeInTransaction(tx -> {
            BigDecimal total = tx.one("SELECT total_deposited_eur FROM budget WHERE id = 1", rs -> Money.fromDb(rs.getString(1)));
            if (total == null) {
                return null;
            }
            BigDecimal newTotal = total.add(amountEur);
            if (ledgerCash) {
                tx.update("INSERT INTO deposits (kind, amount_eur, eurusdc_rate, amount_usdt, is_simulated, created_at) "
                        + "VALUES ('deposit', ?, ?, ?, ?, ?)", Money.toDb(amountEur), Money.toDb(eurUsdc),
                        eurUsdc == null ? null : Money.toDb(Money.eurToUsdc(amountEur, eurUsdc)), simulated ? 1 : 0,
                        Timestamps.now(clock));
            }
            tx.update("UPDATE budget SET total_deposited_eur = ? WHERE id = 1", Money.toDb(newTotal));
            return newTotal;
        });
    }

    /** Fixe le total déposé (correction) ; false si le budget n'existe pas. */
    public synchronized boolean correctTotalDeposited(BigDecimal totalEur) {
        return sql.update("UPDATE budget SET total_deposited_eur = ? WHERE id = 1", Money.toDb(totalEur)) == 1;
    }
}
