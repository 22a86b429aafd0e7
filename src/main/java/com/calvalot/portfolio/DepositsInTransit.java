package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.List;

import com.calvalot.db.SqlTransaction;
import com.calvalot.money.Money;

/**
 * LIVE_SIZING=budget : un dépôt enregistré par l'API agrandit le budget du suiveur tout de suite, mais son USDC
 * peut n'arriver sur le compte qu'après (un virement, une conversion). Tant qu'il n'est pas là, cet USDC est en
 * route (deposits.awaiting_usdt) : ni un écart à radier, ni de l'argent possédé ou dépensable. Il arrive quand le
 * compte détient de nouveau tout le budget : ce qui manque encore ensuite est un écart ordinaire.
 */
public final class DepositsInTransit {

    private DepositsInTransit() {
    }

    /** Tout l'USDC en route (0 s'il n'y en a pas). */
    public static BigDecimal total(SqlTransaction tx) {
        return tx.list("SELECT awaiting_usdt FROM deposits WHERE awaiting_usdt IS NOT NULL", rs -> Money.fromDb(rs.getString(1)))
                .stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Une lecture du compte : il manque {@code gap} USDC au budget. Ce qui manque s'explique d'abord par les dépôts
     * en route ; ceux-ci ne peuvent pas être plus que ce qui manque (le reste est arrivé, le plus ancien d'abord).
     * Rend l'USDC encore en route, au plus {@code gap}.
     */
    public static BigDecimal consume(SqlTransaction tx, BigDecimal gap) {
        List<Object[]> rows = tx.list("SELECT id, awaiting_usdt FROM deposits WHERE awaiting_usdt IS NOT NULL ORDER BY id",
                rs -> new Object[] {rs.getLong(1), Money.fromDb(rs.getString(2))});
        BigDecimal awaiting = rows.stream().map(row -> (BigDecimal) row[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal inTransit = awaiting.min(gap.max(BigDecimal.ZERO));
        BigDecimal arrived = awaiting.subtract(inTransit);
        for (Object[] row : rows) {
            if (arrived.signum() <= 0) {
                break;
            }
            BigDecimal left = ((BigDecimal) row[1]).subtract(arrived).max(BigDecimal.ZERO);
            arrived = arrived.subtract((BigDecimal) row[1]).max(BigDecimal.ZERO);
            tx.update("UPDATE deposits SET awaiting_usdt = ? WHERE id = ?", left.signum() == 0 ? null : Money.toDb(left), row[0]);
        }
        return inTransit;
    }
}
