package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.SqlTransaction;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * Les écarts suivis (table balance_drift_watch) : un actif dont le compte détient moins que le registre
 * n'est jamais radié sur une lecture. L'écart est suivi, montré, alerté une fois ; il guérit si l'argent
 * revient ; confirmé après {@link #FOLLOW_READINGS} lectures sur au moins {@link #FOLLOW_AFTER}, il est
 * réglé par celui qui l'a constaté (un flux de sortie, le registre suit le compte). Une ligne réglée qui
 * voit de nouveau un manque, c'est un nouvel écart : il est suivi depuis le début.
 */
final class DriftWatch {

    static final int FOLLOW_READINGS = 3;
    static final Duration FOLLOW_AFTER = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(DriftWatch.class);

    private final Clock clock;

    DriftWatch(Clock clock) {
        this.clock = clock;
    }

    private record Watch(Instant firstSeenAt, Instant lastReadingAt, int readings, boolean followed) {
    }

    /** Une lecture de plus d'un manque ; {@code settle} règle l'écart quand il a duré assez longtemps. */
    void shortfall(SqlTransaction tx, String coin, BigDecimal own, BigDecimal onExchange, Instant readAt, Runnable settle) {
        Watch watch = tx.one("SELECT first_seen_at, last_reading_at, readings, followed FROM balance_drift_watch WHERE coin = ?",
                rs -> new Watch(Timestamps.parse(rs.getString(1)), Timestamps.parse(rs.getString(2)), rs.getInt(3),
                        rs.getInt(4) == 1), coin);
        String at = Timestamps.format(readAt);
        if (watch != null && watch.followed() && readAt.isAfter(watch.lastReadingAt())) {
            // l'écart d'avant est réglé (le registre a suivi le compte, ou une version d'avant l'a laissé marqué) :
            // un manque vu depuis est un nouvel écart, jamais ignoré
            tx.update("DELETE FROM balance_drift_watch WHERE coin = ?", coin);
            watch = null;
        }
        if (watch == null) {
            tx.update("INSERT INTO balance_drift_watch (coin, ledger_quantity, exchange_quantity, first_seen_at, "
                    + "last_reading_at, readings) VALUES (?, ?, ?, ?, ?, 1)", coin, Money.toDb(own), Money.toDb(onExchange), at, at);
            LOG.warn("Balance drift on {}: the ledger holds {} but the exchange {} (Earn, a transfer or an order of yours?); "
                    + "recorded as moved away only if it lasts {} minutes", coin, Money.plain(own), Money.plain(onExchange),
                    FOLLOW_AFTER.toMinutes());
            return;
        }
        if (watch.followed() || !readAt.isAfter(watch.lastReadingAt())) {
            return;
        }
        int readings = watch.readings() + 1;
        tx.update("UPDATE balance_drift_watch SET ledger_quantity = ?, exchange_quantity = ?, last_reading_at = ?, "
                + "readings = ? WHERE coin = ?", Money.toDb(own), Money.toDb(onExchange), at, readings, coin);
        Duration lasted = Duration.between(watch.firstSeenAt(), readAt);
        if (readings >= FOLLOW_READINGS && lasted.compareTo(FOLLOW_AFTER) >= 0) {
            LOG.warn("Balance drift on {} lasted {} min over {} readings: recorded as moved away, the ledger follows the exchange",
                    coin, lasted.toMinutes(), readings);
            settle.run();
            tx.update("UPDATE balance_drift_watch SET followed = 1 WHERE coin = ?", coin);
        }
    }

    /** L'écart a disparu (argent revenu, ordre de l'utilisateur annulé, registre recalé) : plus rien à suivre. */
    static void healed(SqlTransaction tx, String coin) {
        if (tx.update("DELETE FROM balance_drift_watch WHERE coin = ?", coin) == 1) {
            LOG.info("Balance drift on {} cleared: the exchange holds the ledger's quantity", coin);
        }
    }

    /** Une ligne position_drift : ce que le registre et le compte disaient quand le registre a suivi. */
    void record(SqlTransaction tx, String coin, BigDecimal ledgerQuantity, BigDecimal onExchange, String what) {
        tx.update("INSERT INTO position_drift (coin, ledger_quantity, exchange_quantity, created_at) VALUES (?, ?, ?, ?)",
                coin, Money.toDb(ledgerQuantity), Money.toDb(onExchange), Timestamps.now(clock));
        LOG.warn("Position drift on {}: ledger {} but the exchange holds {}; {}", coin, Money.plain(ledgerQuantity),
                Money.plain(onExchange), what);
    }
}
