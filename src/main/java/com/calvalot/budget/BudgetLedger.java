package com.calvalot.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Le budget : lecture de la ligne unique, dépôt (une ligne deposits + le total déposé, dans une
 * même transaction, dans tous les modes) et correction du total déposé (pour le P&L seulement).
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
     * Un dépôt enregistré : le nouveau total déposé ; en LIVE_SIZING=wallet, la part que le suiveur avait déjà vue
     * arriver sur le compte et celle qu'il n'a pas encore vue (il l'enregistrera seul à son arrivée).
     */
    public record Deposit(BigDecimal totalDepositedEur, BigDecimal alreadySeenEur, BigDecimal notSeenYetEur) {
    }

    /**
     * Ajoute un dépôt, un flux : une ligne deposits au cours donné ({@code eurUsdc} null : convertie plus tard au
     * premier cours connu) et le total déposé, dans une même transaction ; {@code simulated} dit si cet USDC est
     * simulé. Live avec LIVE_SIZING=budget, l'USDC du dépôt peut arriver après : il est en route (awaiting_usdt,
     * DepositsInTransit) jusqu'à ce que le compte le détienne. {@code wholeAccount} (LIVE_SIZING=wallet) : le
     * suiveur voit l'argent arriver sur le compte et l'enregistre seul (MoneyFlows) ; la déclaration ne fait que
     * reconnaître cet USDC déjà adopté, sans rien compter de plus (jamais deux fois, jamais avant qu'il soit là).
     * Renvoie null si le budget n'existe pas (rien n'est écrit).
     */
    public synchronized Deposit deposit(BigDecimal amountEur, boolean simulated, BigDecimal eurUsdc, boolean wholeAccount) {
        return sql.computeInTransaction(tx -> {
            BigDecimal total = tx.one("SELECT total_deposited_eur FROM budget WHERE id = 1", rs -> Money.fromDb(rs.getString(1)));
            if (total == null) {
                return null;
            }
            BigDecimal usdc = eurUsdc == null ? null : Money.eurToUsdc(amountEur, eurUsdc);
            if (wholeAccount) {
                BigDecimal seenEur = Money.usdcToEur(matchAdopted(tx, usdc), eurUsdc).min(amountEur);
                return new Deposit(total, seenEur, amountEur.subtract(seenEur));
            }
            boolean inTransit = !simulated && usdc != null;
            tx.update("INSERT INTO deposits (kind, amount_eur, eurusdc_rate, amount_usdt, is_simulated, created_at, awaiting_usdt) "
                    + "VALUES ('deposit', ?, ?, ?, ?, ?, ?)", Money.toDb(amountEur), Money.toDb(eurUsdc), Money.toDb(usdc),
                    simulated ? 1 : 0, Timestamps.now(clock), inTransit ? Money.toDb(usdc) : null);
            MoneyFlows.addToTotal(tx, "total_deposited_eur", amountEur);
            return new Deposit(total.add(amountEur), BigDecimal.ZERO, BigDecimal.ZERO);
        });
    }

    /** L'USDC adopté (vu arriver sur le compte) qu'aucun dépôt déclaré n'avait reconnu, jusqu'à {@code usdc}, le plus ancien d'abord. */
    private static BigDecimal matchAdopted(SqlTransaction tx, BigDecimal usdc) {
        BigDecimal matched = BigDecimal.ZERO;
        List<Object[]> adopted = tx.list("SELECT id, unmatched_usdt FROM deposits WHERE source = ? AND unmatched_usdt IS NOT NULL "
                + "AND unmatched_usdt <> '0' ORDER BY id", rs -> new Object[] {rs.getLong(1), Money.fromDb(rs.getString(2))},
                MoneyFlows.SEEN_ON_ACCOUNT);
        for (Object[] row : adopted) {
            BigDecimal left = usdc.subtract(matched);
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = ((BigDecimal) row[1]).min(left);
            matched = matched.add(take);
            tx.update("UPDATE deposits SET unmatched_usdt = ? WHERE id = ?", Money.toDb(((BigDecimal) row[1]).subtract(take)), row[0]);
        }
        return matched;
    }

    /** Fixe le total déposé (correction) ; false si le budget n'existe pas. */
    public synchronized boolean correctTotalDeposited(BigDecimal totalEur) {
        return sql.update("UPDATE budget SET total_deposited_eur = ? WHERE id = 1", Money.toDb(totalEur)) == 1;
    }
}
