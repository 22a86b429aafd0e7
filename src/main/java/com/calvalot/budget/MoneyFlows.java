package com.calvalot.budget;

import java.math.BigDecimal;

import com.calvalot.db.SqlTransaction;
import com.calvalot.money.Money;
import com.calvalot.signal.TrackedPairs;

/**
 * L'argent qui entre ou sort sans ordre du suiveur est un flux, jamais un gain ni une perte : une ligne de
 * deposits ou de withdrawals (que lisent le P&L, les chiffres du jour, la base du drawdown et la copie
 * parfaite) et le total déposé ou retiré, dans la transaction de celui qui le constate. Ici ce que la
 * réconciliation adopte (LIVE_SIZING=wallet : ce que le compte a en plus du registre) ou constate parti
 * (un écart confirmé, dans les deux modes), valorisé au cours du moment.
 */
public final class MoneyFlows {

    /** Le statut d'un retrait qui n'en est pas un de l'utilisateur par l'API : de l'argent parti du compte, constaté. */
    public static final String MOVED_AWAY = "moved_away";
    /** La source d'un dépôt que le suiveur a vu arriver sur le compte (sans elle : déclaré par l'API, ou le budget initial). */
    static final String SEEN_ON_ACCOUNT = "account";

    private MoneyFlows() {
    }

    /**
     * De l'argent arrivé sur le compte sans ordre du suiveur, adopté : {@code asset} est USDC ou une paire suivie,
     * {@code usdc} sa valeur au cours du moment. L'USDC adopté attend qu'un dépôt déclaré le reconnaisse
     * (BudgetLedger : jamais compté deux fois).
     */
    public static void adopted(SqlTransaction tx, String asset, BigDecimal quantity, BigDecimal usdc, BigDecimal eurUsdc,
                               String at) {
        BigDecimal eur = Money.usdcToEur(usdc, eurUsdc);
        boolean cash = asset.equals(TrackedPairs.QUOTE_ASSET);
        tx.update("INSERT INTO deposits (kind, amount_eur, eurusdc_rate, amount_usdt, is_simulated, created_at, source, asset, "
                + "quantity, unmatched_usdt) VALUES ('deposit', ?, ?, ?, 0, ?, ?, ?, ?, ?)", Money.toDb(eur), Money.toDb(eurUsdc),
                Money.toDb(Money.round(usdc)), at, SEEN_ON_ACCOUNT, cash ? null : asset, cash ? null : Money.toDb(quantity),
                cash ? Money.toDb(Money.round(usdc)) : null);
        addToTotal(tx, "total_deposited_eur", eur);
    }

    /** De l'argent parti du compte sans ordre du suiveur, l'écart confirmé : un retrait, pas une perte. */
    public static void movedAway(SqlTransaction tx, String asset, BigDecimal quantity, BigDecimal usdc, BigDecimal eurUsdc,
                                 String at) {
        BigDecimal eur = Money.usdcToEur(usdc, eurUsdc);
        boolean cash = asset.equals(TrackedPairs.QUOTE_ASSET);
        tx.update("INSERT INTO withdrawals (amount_eur_requested, amount_usdt_sold, amount_eur_received, eurusdc_rate, "
                + "positions_sold, status, is_simulated, created_at, asset, quantity) VALUES (?, ?, ?, ?, '[]', ?, 0, ?, ?, ?)",
                Money.toDb(eur), Money.toDb(Money.round(usdc)), Money.toDb(eur), Money.toDb(eurUsdc), MOVED_AWAY, at,
                cash ? null : asset, cash ? null : Money.toDb(quantity));
        addToTotal(tx, "total_withdrawn_eur", eur);
    }

    static void addToTotal(SqlTransaction tx, String column, BigDecimal eur) {
        BigDecimal total = tx.one("SELECT " + column + " FROM budget WHERE id = 1", rs -> Money.fromDb(rs.getString(1)));
        if (total != null) {
            tx.update("UPDATE budget SET " + column + " = ? WHERE id = 1", Money.toDb(total.add(eur)));
        }
    }
}
