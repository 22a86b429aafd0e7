package com.calvalot.portfolio;

import java.math.BigDecimal;

import com.calvalot.db.SqlTransaction;
import com.calvalot.money.Money;

/**
 * LIVE_SIZING=wallet : l'USDC que le registre attend sur le compte (libre + bloqué), une ligne de la table
 * wallet_cash. Ancrée à la première lecture fiable du compte (ce que le compte avait alors n'est pas un
 * flux), puis bougée dans la transaction de chaque exécution et de chaque flux d'USDC : un USDC qui manque
 * au compte sans qu'un ordre du suiveur l'explique est un écart, suivi comme celui d'une pièce.
 * Sans ligne (dry run, budget, ou pas encore ancrée), rien ne bouge.
 */
public final class WalletCash {

    private WalletCash() {
    }

    /** L'USDC attendu, ou null tant que la ligne n'est pas ancrée. */
    public static BigDecimal usdc(SqlTransaction tx) {
        return Money.fromDb(tx.one("SELECT usdc FROM wallet_cash WHERE id = 1", rs -> rs.getString(1)));
    }

    /** La première lecture fiable : l'USDC du compte devient celui du registre, sans flux. */
    public static void anchor(SqlTransaction tx, BigDecimal usdc, String at) {
        tx.update("INSERT OR IGNORE INTO wallet_cash (id, usdc, anchored_at, updated_at) VALUES (1, ?, ?, ?)",
                Money.toDb(usdc), at, at);
    }

    /** Une exécution ou un flux : l'USDC attendu bouge de {@code delta} (rien avant l'ancrage). */
    public static void move(SqlTransaction tx, BigDecimal delta, String at) {
        BigDecimal usdc = usdc(tx);
        if (usdc != null && delta.signum() != 0) {
            set(tx, usdc.add(delta), at);
        }
    }

    public static void set(SqlTransaction tx, BigDecimal usdc, String at) {
        tx.update("UPDATE wallet_cash SET usdc = ?, updated_at = ? WHERE id = 1", Money.toDb(usdc), at);
    }
}
