package com.calvalot.portfolio;

import java.math.BigDecimal;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;

/**
 * Un dépôt fait quand le cours EURUSDC était inconnu (bourse injoignable au premier démarrage)
 * est converti au premier cours connu, une seule fois : le montant en USDC est alors figé.
 */
class DepositConversion {

    private final Sql sql;

    DepositConversion(Sql sql) {
        this.sql = sql;
    }

    void convertPending(BigDecimal eurUsdc) {
        sql.list("SELECT id, amount_eur FROM deposits WHERE amount_usdt IS NULL", rs -> {
            BigDecimal usdc = Money.eurToUsdc(Money.fromDb(rs.getString(2)), eurUsdc);
            return new Object[] {rs.getLong(1), usdc};
        }).forEach(row -> sql.update(
                "UPDATE deposits SET amount_usdt = ?, eurusdc_rate = ? WHERE id = ? AND amount_usdt IS NULL",
                Money.toDb((BigDecimal) row[1]), Money.toDb(eurUsdc), row[0]));
    }
}
