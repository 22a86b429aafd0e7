package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;

/**
 * Les écarts en cours (table balance_drift_watch, que la réconciliation tient) : un actif dont le compte
 * détient moins que le registre, pas encore confirmé. Ce qui manque est parti ailleurs (Earn, un transfert)
 * et peut revenir : tant que l'écart n'est pas confirmé, il reste possédé (valeur, parts, survie,
 * drawdown le comptent), jamais dépensé ni vendu.
 */
public final class PendingDrifts {

    private final Sql sql;

    public PendingDrifts(Sql sql) {
        this.sql = sql;
    }

    /** Ce que le registre possède de chaque actif dont un écart est en cours, lu maintenant ; vide d'habitude. */
    Map<String, BigDecimal> ledgerFigures() {
        Map<String, BigDecimal> figures = new HashMap<>();
        sql.forEach("SELECT w.coin, CASE WHEN w.coin = ? THEN c.usdc ELSE p.quantity END FROM balance_drift_watch w "
                + "LEFT JOIN positions p ON p.coin = w.coin LEFT JOIN wallet_cash c ON c.id = 1 WHERE w.followed = 0",
                rs -> {
                    String figure = rs.getString(2);
                    if (figure != null) {
                        figures.put(rs.getString(1), Money.fromDb(figure));
                    }
                }, TrackedPairs.QUOTE_ASSET);
        return figures;
    }

    /** L'USDC de dépôts enregistrés pas encore arrivé sur le compte (LIVE_SIZING=budget, DepositsInTransit). */
    BigDecimal cashInTransit() {
        return sql.list("SELECT awaiting_usdt FROM deposits WHERE awaiting_usdt IS NOT NULL", rs -> Money.fromDb(rs.getString(1)))
                .stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Les actifs dont un écart est en cours (USDC compris). */
    java.util.Set<String> assets() {
        return java.util.Set.copyOf(sql.list("SELECT coin FROM balance_drift_watch WHERE followed = 0", rs -> rs.getString(1)));
    }
}
