package com.calvalot.ops;

import java.util.List;

import com.calvalot.db.Sql;

/**
 * Les trades d'un signal en une ligne lisible sur un écran verrouillé : « BUY 0.001 BTC at 50000 USDC (50 USDC) ».
 * Les paires sont en USDC : la colonne amount_usdt ne garde que le nom du suiveur d'origine.
 */
public final class TradeLines {

    private TradeLines() {
    }

    /** null quand le signal n'a aucun trade. */
    public static String ofSignal(Sql sql, String signalId) {
        List<String> lines = sql.list("SELECT action, coin, quantity, price, amount_usdt FROM trades "
                + "WHERE signal_id = ? ORDER BY id", rs -> rs.getString("action") + " "
                + TradesCsvStream.decimal(rs.getString("quantity")) + " " + rs.getString("coin").replaceFirst("USDC$", "")
                + " at " + TradesCsvStream.decimal(rs.getString("price")) + " USDC ("
                + TradesCsvStream.decimal(rs.getString("amount_usdt")) + " USDC)", signalId);
        return lines.isEmpty() ? null : String.join("; ", lines);
    }
}
