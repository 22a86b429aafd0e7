package com.calvalot.takeover;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;

import com.calvalot.config.TradingMode;
import com.calvalot.money.Money;

/**
 * Le budget et l'état de l'agent d'une base reprise (migration.md) : DEAD reste DEAD, le total
 * déposé suit pour le P&L, la synchronisation initiale n'est plus due dès qu'un signal a été
 * exécuté ou qu'une position est tenue, et le cash du dry run ouvre à ce que l'ancien suiveur
 * montrait.
 */
final class TakeoverBudget {

    private static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "DEAD");
    static final String DEAD_REASON = "DEAD in the original follower's database";

    private final Connection connection;
    private final TradingMode mode;

    TakeoverBudget(Connection connection, TradingMode mode) {
        this.connection = connection;
        this.mode = mode;
    }

    /**
     * La ligne de budget la plus récente de l'ancien suiveur (il lisait celle-là). Sans ligne, rien
     * n'est écrit : le premier dépôt se fait alors comme sur une base neuve.
     */
    void carryOver(TakeoverCopy.Counts counts, String now) throws SQLException {
        String status = "ACTIVE";
        try (Statement read = connection.createStatement();
             ResultSet rs = read.executeQuery("SELECT * FROM original_budget ORDER BY id DESC LIMIT 1")) {
            if (rs.next()) {
                OriginalRow row = new OriginalRow(rs, "budget", "id");
                status = row.requiredText("status");
                if (!STATUSES.contains(status)) {
                    throw row.unreadable("status", "is '" + status + "', not ACTIVE, PAUSED or DEAD");
                }
                BigDecimal initial = new BigDecimal(row.money("initial_total_eur"));
                BigDecimal deposited = row.decimalOrNull("total_deposited_eur");
                // l'ancien suiveur lisait « total_deposited_eur or initial_total_eur » : 0 ou vide → l'initial
                if (deposited == null || deposited.signum() == 0) {
                    deposited = initial;
                }
                String createdAt = row.timeOrNull("created_at");
                insertBudget(initial, deposited, counts.withdrawnEur(), createdAt == null ? now : createdAt);
                openingCash(initial, counts.feesUsdt(), createdAt == null ? now : createdAt, now);
            }
        }
        agentState(status, counts);
    }

    private void insertBudget(BigDecimal initial, BigDecimal deposited, BigDecimal withdrawn, String createdAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO budget (id, mode, initial_total_eur, "
                + "total_deposited_eur, total_withdrawn_eur, created_at) VALUES (1, ?, ?, ?, ?, ?)")) {
            insert.setString(1, mode.wireName());
            insert.setString(2, Money.toDb(initial));
            insert.setString(3, Money.toDb(deposited));
            insert.setString(4, Money.toDb(withdrawn));
            insert.setString(5, createdAt);
            insert.executeUpdate();
        }
    }

    /**
     * Le cash d'ouverture du dry run. L'ancien suiveur comptait {@code initial_total_eur} au cours
     * EURUSDC du moment − achats + ventes − retraits, frais ignorés ; notre registre retire les frais.
     * Le dépôt initial (en EUR) est donc converti au premier cours lu après la reprise, comme sur une
     * base neuve, et une ligne en USDC rend les frais que l'ancien suiveur n'avait jamais retirés :
     * la première page montre ce que l'ancienne montrait, nos règles s'appliquent ensuite.
     */
    private void openingCash(BigDecimal initialEur, BigDecimal feesUsdt, String createdAt, String now) throws SQLException {
        boolean dryRun = mode == TradingMode.DRY_RUN;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO deposits (kind, amount_eur, is_simulated, created_at) VALUES ('initial', ?, ?, ?)")) {
            insert.setString(1, Money.toDb(initialEur));
            insert.setInt(2, dryRun ? 1 : 0);
            insert.setString(3, createdAt);
            insert.executeUpdate();
        }
        if (dryRun && feesUsdt.signum() > 0) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deposits (kind, amount_eur, "
                    + "amount_usdt, is_simulated, created_at) VALUES ('deposit', '0', ?, 1, ?)")) {
                insert.setString(1, Money.toDb(feesUsdt));
                insert.setString(2, now);
                insert.executeUpdate();
            }
        }
    }

    private void agentState(String status, TakeoverCopy.Counts counts) throws SQLException {
        boolean syncDone = counts.executedSignals() > 0 || counts.heldPositions() > 0;
        Long lastSignal = counts.lastSignalAt() == null ? null : Instant.parse(counts.lastSignalAt()).getEpochSecond();
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent_state SET dead = ?, dead_reason = ?, "
                + "paused = ?, initial_sync_done = ?, last_signal_time = ? WHERE id = 1")) {
            update.setInt(1, "DEAD".equals(status) ? 1 : 0);
            update.setString(2, "DEAD".equals(status) ? DEAD_REASON : null);
            update.setInt(3, "PAUSED".equals(status) ? 1 : 0);
            update.setInt(4, syncDone ? 1 : 0);
            update.setObject(5, lastSignal);
            update.executeUpdate();
        }
    }
}
