package com.calvalot.takeover;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * La forme documentée de la base de l'ancien suiveur Python (migration.md) : ses six tables, leurs
 * colonnes, et l'argent en REAL. Une base qui a ces tables et pas notre version de schéma est
 * reprise ; une autre forme n'est jamais devinée.
 */
final class OriginalSchema {

    static final List<String> TABLES = List.of("budget", "trades", "positions", "signals", "budget_snapshots", "withdrawals");

    private static final Map<String, Set<String>> COLUMNS = Map.of(
            "budget", Set.of("id", "initial_total_eur", "total_deposited_eur", "status", "created_at", "updated_at"),
            "trades", Set.of("id", "coin", "action", "amount_usdt", "price", "quantity", "fee_usdt", "signal_id",
                    "is_simulated", "created_at"),
            "positions", Set.of("coin", "quantity", "avg_entry_price", "total_invested_usdt", "updated_at"),
            "signals", Set.of("id", "signal_id", "confidence", "reasoning", "actions", "portfolio_state", "status",
                    "error_message", "received_at", "executed_at"),
            "budget_snapshots", Set.of("id", "total_value_eur", "portfolio_value_usdt", "cash_usdt", "created_at"),
            "withdrawals", Set.of("id", "amount_eur_requested", "amount_usdt_sold", "amount_eur_received", "eurusdc_rate",
                    "positions_sold", "status", "is_simulated", "created_at"));

    /** Les colonnes d'argent (et de cours) : déclarées REAL par l'ancien suiveur. */
    private static final Map<String, Set<String>> REAL_COLUMNS = Map.of(
            "budget", Set.of("initial_total_eur", "total_deposited_eur"),
            "trades", Set.of("amount_usdt", "price", "quantity", "fee_usdt"),
            "positions", Set.of("quantity", "avg_entry_price", "total_invested_usdt"),
            "signals", Set.of("confidence"),
            "budget_snapshots", Set.of("total_value_eur", "portfolio_value_usdt", "cash_usdt"),
            "withdrawals", Set.of("amount_eur_requested", "amount_usdt_sold", "amount_eur_received", "eurusdc_rate"));

    private OriginalSchema() {
    }

    /** Vrai quand la base porte au moins une table au nom d'une des six de l'ancien suiveur. */
    static boolean looksOriginal(Set<String> tables) {
        return TABLES.stream().anyMatch(tables::contains);
    }

    /**
     * Ce qui diffère de la forme documentée, en clair ; liste vide si la base a exactement cette forme.
     * {@code columns} : table → (colonne → type déclaré).
     */
    static List<String> differences(Map<String, Map<String, String>> columns) {
        List<String> differences = new ArrayList<>();
        Set<String> extra = new TreeSet<>(columns.keySet());
        TABLES.forEach(extra::remove);
        if (!extra.isEmpty()) {
            differences.add("unexpected tables " + String.join(", ", extra));
        }
        for (String table : TABLES) {
            Map<String, String> found = columns.get(table);
            if (found == null) {
                differences.add("no table " + table);
                continue;
            }
            Set<String> missing = new TreeSet<>(COLUMNS.get(table));
            missing.removeAll(found.keySet());
            Set<String> unknown = new TreeSet<>(found.keySet());
            unknown.removeAll(COLUMNS.get(table));
            if (!missing.isEmpty()) {
                differences.add(table + " lacks " + String.join(", ", missing));
            }
            if (!unknown.isEmpty()) {
                differences.add(table + " has unknown columns " + String.join(", ", unknown));
            }
            for (String real : REAL_COLUMNS.get(table)) {
                String type = found.get(real);
                if (type != null && !"REAL".equalsIgnoreCase(type)) {
                    differences.add(table + "." + real + " is " + (type.isEmpty() ? "untyped" : type) + ", not REAL");
                }
            }
        }
        return differences;
    }
}
