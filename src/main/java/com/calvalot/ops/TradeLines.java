package com.calvalot.ops;

import java.util.List;

import com.calvalot.db.Sql;

/** Les trades d'un signal en une ligne lisible sur un écran verrouillé : « BUY 0.001 BTC at 50000 (50 USDT) ». */
public final class TradeLines {

    private TradeLines() {
    }

    /** null quand le signal n'a aucun trade. */
    public static String ofSignal(Sql sql, String signalId) {
        List<String> lines = sql.list("SELECT action, coin, quantity, price, amount_usdt FROM trades "
                + "WHERE signal_id = ? ORDER BY id", rs -> rs.getString("action") + " "
                + TradesCsvStream.decimal(rs.getString("quantity")) + " " + rs.getString("coin") + " at "
                + TradesCsvStream.decimal(rs.getString("price")) + " ("
                + TradesCsvStream.decimal(rs.getString("amount_usdt")) + " USDT)", signalId);
        return lines.isEmpty() ? null : String.join("; ", lines);
    }
}
