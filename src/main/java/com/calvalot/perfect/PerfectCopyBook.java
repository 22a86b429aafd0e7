package com.calvalot.perfect;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.json.Json;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.signal.Signal;
import com.calvalot.time.Timestamps;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * La copie parfaite gardée en base (table perfect_copy) : partie de ce que détenait le suiveur au
 * premier signal suivi (après une reprise de l'ancien suiveur, au premier signal qui suit la reprise),
 * elle suit chaque signal accepté une fois, aux prix lus pour lui, et reçoit les mêmes dépôts et
 * retraits. Sa valeur est écrite avec chaque instantané : un redémarrage, un an d'historique et
 * l'éclaircissement des instantanés la gardent exacte. Aucune requête de plus à la bourse.
 */
public class PerfectCopyBook {

    private static final Logger LOG = LoggerFactory.getLogger(PerfectCopyBook.class);

    private final Sql sql;
    private final Clock clock;

    /** La ligne perfect_copy : la copie et jusqu'où elle a vu les mouvements d'argent. */
    private record Row(PerfectCopy copy, long lastDepositId, long lastWithdrawalId, int signals) {
    }

    public PerfectCopyBook(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Le signal {@code signalId} accepté, suivi exactement ({@code toFollow} : le signal, ou le
     * rééquilibrage de la synchronisation initiale) aux prix de {@code market} ; au premier, la copie
     * part de {@code startCash} et {@code startQuantities} (ce que détient le suiveur avant d'y toucher).
     * Une seule fois par signal, même repris après un crash.
     */
    public void follow(String signalId, Signal toFollow, MarketSnapshot market, BigDecimal startCash,
                       Map<String, BigDecimal> startQuantities) {
        if (market == null || !market.known()) {
            LOG.info("Perfect copy: signal {} not followed, no price known yet", signalId);
            return;
        }
        sql.inTransaction(tx -> follow(tx, signalId, toFollow, market, startCash, startQuantities));
    }

    /**
     * Idem, dans la transaction du plan du signal : aucune écriture disque de plus avant les ordres. Vrai si la
     * copie l'a suivi maintenant (faux : pas de prix, pas de départ, ou déjà suivi).
     */
    public boolean follow(SqlTransaction tx, String signalId, Signal toFollow, MarketSnapshot market, BigDecimal startCash,
                          Map<String, BigDecimal> startQuantities) {
        if (market == null || !market.known()) {
            return false;
        }
        Row row = load(tx);
        if (row == null && startCash == null) {
            return false;
        }
        if (tx.update("UPDATE signals SET perfect_copy_applied = 1 WHERE signal_id = ? AND perfect_copy_applied = 0",
                signalId) == 0) {
            return false;
        }
        Row current = row != null ? withMoneyMoves(tx, row, market)
                : new Row(PerfectCopy.startingFrom(startCash, startQuantities), maxId(tx, "deposits"),
                        maxId(tx, "withdrawals"), 0);
        save(tx, new Row(current.copy().follow(toFollow, market), current.lastDepositId(), current.lastWithdrawalId(),
                current.signals() + 1), row == null);
        return true;
    }

    /** La valeur de la copie en EUR aux prix d'un instantané (les dépôts et retraits d'ici là reçus) ; null avant le premier signal. */
    public BigDecimal valueEur(MarketSnapshot market) {
        if (market == null || !market.known()) {
            return null;
        }
        return sql.computeInTransaction(tx -> {
            Row row = load(tx);
            if (row == null) {
                return null;
            }
            Row current = withMoneyMoves(tx, row, market);
            if (current != row) {
                save(tx, current, false);
            }
            BigDecimal usdt = current.copy().valueUsdt(market);
            return usdt == null ? null : Money.usdcToEur(usdt, market.eurUsdc());
        });
    }

    /** Les dépôts (convertis en USDC) et retraits faits depuis la dernière fois, dans l'ordre. */
    private static Row withMoneyMoves(SqlTransaction tx, Row row, MarketSnapshot market) {
        PerfectCopy copy = row.copy();
        long lastDeposit = row.lastDepositId();
        long lastWithdrawal = row.lastWithdrawalId();
        List<Object[]> deposits = tx.list("SELECT id, amount_usdt FROM deposits WHERE id > ? ORDER BY id",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, lastDeposit);
        for (Object[] deposit : deposits) {
            if (deposit[1] == null) {
                // un dépôt attend encore son cours : les suivants attendent avec lui
                break;
            }
            copy = copy.deposit(Money.fromDb((String) deposit[1]));
            lastDeposit = (Long) deposit[0];
        }
        List<Object[]> withdrawals = tx.list("SELECT id, amount_usdt_sold FROM withdrawals WHERE id > ? ORDER BY id",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, lastWithdrawal);
        for (Object[] withdrawal : withdrawals) {
            if (withdrawal[1] != null) {
                copy = copy.withdraw(Money.fromDb((String) withdrawal[1]), market);
            }
            lastWithdrawal = (Long) withdrawal[0];
        }
        return lastDeposit == row.lastDepositId() && lastWithdrawal == row.lastWithdrawalId() ? row
                : new Row(copy, lastDeposit, lastWithdrawal, row.signals());
    }

    private static Row load(SqlTransaction tx) {
        return tx.one("SELECT cash_usdt, holdings, last_deposit_id, last_withdrawal_id, signals FROM perfect_copy WHERE id = 1",
                rs -> new Row(new PerfectCopy(Money.fromDb(rs.getString(1)), holdings(rs.getString(2))), rs.getLong(3),
                        rs.getLong(4), rs.getInt(5)));
    }

    private void save(SqlTransaction tx, Row row, boolean first) {
        Map<String, String> holdings = new LinkedHashMap<>();
        row.copy().holdings().forEach((pair, quantity) -> holdings.put(pair, quantity.toPlainString()));
        String now = Timestamps.now(clock);
        if (first) {
            tx.update("INSERT INTO perfect_copy (id, cash_usdt, holdings, started_at, last_deposit_id, last_withdrawal_id, "
                    + "signals, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)", row.copy().cashUsdt().toPlainString(),
                    Json.write(holdings), now, row.lastDepositId(), row.lastWithdrawalId(), row.signals(), now);
            LOG.info("Perfect copy started: it follows every accepted signal exactly, to measure what copying costs");
            return;
        }
        tx.update("UPDATE perfect_copy SET cash_usdt = ?, holdings = ?, last_deposit_id = ?, last_withdrawal_id = ?, "
                + "signals = ?, updated_at = ? WHERE id = 1", row.copy().cashUsdt().toPlainString(), Json.write(holdings),
                row.lastDepositId(), row.lastWithdrawalId(), row.signals(), now);
    }

    private static long maxId(SqlTransaction tx, String table) {
        Long id = tx.one("SELECT coalesce(max(id), 0) FROM " + table, rs -> rs.getLong(1));
        return id == null ? 0 : id;
    }

    private static Map<String, BigDecimal> holdings(String json) {
        try {
            Map<String, String> raw = Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
            Map<String, BigDecimal> held = new LinkedHashMap<>();
            raw.forEach((pair, quantity) -> held.put(pair, new BigDecimal(quantity)));
            return held;
        } catch (Exception e) {
            throw new IllegalStateException("perfect_copy.holdings is not readable", e);
        }
    }
}
