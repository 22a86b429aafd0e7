package com.calvalot.ops;

import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.money.Money;
import com.calvalot.money.MoneyText;

/**
 * Les trades d'un signal en une ligne lisible sur un écran verrouillé : « BUY 0.001 BTC at 50 000.00 USDC
 * (50.00 USDC) », chiffres selon la règle des messages (MoneyText, docs/telegram.md).
 * Les paires sont en USDC : la colonne amount_usdt ne garde que le nom du suiveur d'origine.
 */
public final class TradeLines {

    private TradeLines() {
    }

    /** null quand le signal n'a aucun trade. */
    public static String ofSignal(Sql sql, String signalId) {
        List<String> lines = sql.list("SELECT action, coin, quantity, price, amount_usdt FROM trades "
                + "WHERE signal_id = ? ORDER BY id", rs -> rs.getString("action") + " "
                + MoneyText.quantity(Money.fromDb(rs.getString("quantity"))) + " " + rs.getString("coin").replaceFirst("USDC$", "")
                + " at " + MoneyText.price(Money.fromDb(rs.getString("price"))) + " USDC ("
                + MoneyText.usdc(Money.fromDb(rs.getString("amount_usdt"))) + ")", signalId);
        return lines.isEmpty() ? null : String.join("; ", lines);
    }
}
