package com.calvalot.trade;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.exchange.ClientOrderIds;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.portfolio.WalletCash;
import com.calvalot.signal.TrackedPairs;
import com.calvalot.time.Timestamps;

/**
 * Le registre des ordres : order_intents (la promesse, écrite avant l'envoi), trades et positions
 * (ce qui a été exécuté, écrits ensemble avec la fin de l'intention, dans une seule transaction).
 */
public class TradeLedger {

    private static final String BNB = "BNB";
    /** Le statut Binance d'un ordre arrêté par la prévention du self-trade (rest-api.md). */
    static final String SELF_TRADE_EXPIRED = "EXPIRED_IN_MATCH";
    private static final String BNB_PAIR = TrackedPairs.BNB_PAIR;

    private final Sql sql;
    private final Clock clock;
    private final boolean wholeAccount;
    private String ledgerSalt;

    public TradeLedger(Sql sql, Clock clock) {
        this(sql, clock, false);
    }

    /**
     * {@code wholeAccount} : live en LIVE_SIZING=wallet, tout le compte est au suiveur ; une commission en
     * BNB que sa position ne couvre pas encore lui est due, jamais à l'utilisateur.
     */
    public TradeLedger(Sql sql, Clock clock, boolean wholeAccount) {
        this.sql = sql;
        this.clock = clock;
        this.wholeAccount = wholeAccount;
    }

    /**
     * Écrit le plan d'un signal : un ordre par ligne, avec son client order id déterministe. Les
     * ventes partent juste après, en première vague : elles sont écrites « sending » dans cette même
     * transaction (une écriture sur disque de moins avant le premier ordre, même garantie). Un signal
     * arrêté au portail ({@code stop} non null : pause, mort…) garde son plan, chaque ordre clos avec la raison.
     */
    void insertPlan(SqlTransaction tx, String signalId, List<PlannedOrder> plan, SignalLifecycle.Stop stop) {
        String now = Timestamps.now(clock);
        int seq = 0;
        for (PlannedOrder order : plan) {
            seq++;
            String status = order.isSkipped() ? OrderIntent.SKIPPED : stop != null ? stop.intentStatus()
                    : order.side() == Side.SELL ? OrderIntent.SENDING : OrderIntent.PLANNED;
            String reason = order.isSkipped() || stop == null ? order.skipReason() : stop.reason();
            tx.update("INSERT INTO order_intents (signal_id, seq, client_order_id, coin, side, quote_amount_usdt, quantity, "
                    + "status, reason, limit_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    signalId, seq, ClientOrderIds.of(salt(), signalId, order.pair(), order.side()), order.pair(),
                    order.side().name(), Money.toDb(order.quoteAmount()), Money.toDb(order.quantity()),
                    status, reason, order.limitReason(), now, now);
        }
    }

    public List<OrderIntent> intents(String signalId) {
        return sql.list("SELECT * FROM order_intents WHERE signal_id = ? ORDER BY seq", TradeLedger::intent, signalId);
    }

    static List<OrderIntent> intents(SqlTransaction tx, String signalId) {
        return tx.list("SELECT * FROM order_intents WHERE signal_id = ? ORDER BY seq", TradeLedger::intent, signalId);
    }

    /** Les intentions envoyées dont l'issue n'a pas été écrite (crash, bourse muette). */
    public List<OrderIntent> unresolved() {
        return sql.list("SELECT * FROM order_intents WHERE status = ? ORDER BY id", TradeLedger::intent, OrderIntent.SENDING);
    }

    /**
     * Une vague validée AVANT l'envoi, en UNE transaction : chaque ordre qui part passe « sending »
     * avec son montant final (après un crash, cette ligne dit qu'il faut demander à la bourse) ; la
     * même transaction écrit les issues encore en mémoire (la vague précédente, les ordres écartés).
     */
    void markWave(List<OrderIntent> sending, List<OrderResult> results) {
        if (sending.isEmpty() && results.isEmpty()) {
            return;
        }
        sql.inTransaction(tx -> markWave(tx, sending, results));
    }

    /** Idem, dans une transaction en cours (celle du plan, quand la première vague est celle des achats). */
    void markWave(SqlTransaction tx, List<OrderIntent> sending, List<OrderResult> results) {
        String now = Timestamps.now(clock);
        for (OrderResult result : bnbBoughtFirst(results)) {
            if (result.fill() != null) {
                recordFill(tx, result.intent(), result.fill(), now);
            } else {
                close(tx, result, now);
            }
        }
        // planned (ou sending d'un crash, que la bourse n'a pas) → sending, avec le montant final
        for (OrderIntent intent : sending) {
            tx.update("UPDATE order_intents SET status = ?, quote_amount_usdt = ?, quantity = ?, updated_at = ? WHERE id = ? "
                    + "AND status IN (?, ?)", OrderIntent.SENDING, Money.toDb(intent.quoteAmount()), Money.toDb(intent.quantity()),
                    now, intent.id(), OrderIntent.PLANNED, OrderIntent.SENDING);
        }
    }

    /**
     * Les achats de BNB d'abord. Une vague part en parallèle et Binance l'exécute dans l'ordre qu'il veut :
     * un achat de BTC a pu payer sa commission avec le BNB que l'achat de BNB de la même vague venait
     * d'apporter. Écrit en premier, ce BNB est dans la position quand les commissions de la vague s'y
     * imputent : le registre finit au même BNB que le compte, quel que soit l'ordre réel.
     */
    private static List<OrderResult> bnbBoughtFirst(List<OrderResult> results) {
        List<OrderResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparing(result -> !(result.intent().side() == Side.BUY
                && result.intent().pair().equals(BNB_PAIR))));
        return ordered;
    }

    /** Les issues d'une vague, ensemble : trades, positions et fins d'intentions. */
    void recordWave(List<OrderResult> results) {
        markWave(List.of(), results);
    }

    /** planned|sending → skipped, rejected, abandoned, planned (jamais arrivé) ou sending (toujours inconnu). */
    private static void close(SqlTransaction tx, OrderResult result, String now) {
        tx.update("UPDATE order_intents SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status IN (?, ?)",
                result.status(), result.reason(), now, result.intent().id(), OrderIntent.PLANNED, OrderIntent.SENDING);
    }

    /** Les intentions jamais envoyées d'un signal arrêté : abandonnées (panne, mort) ou écartées (pause). */
    void closePlanned(String signalId, String status, String reason) {
        sql.update("UPDATE order_intents SET status = ?, reason = ?, updated_at = ? WHERE signal_id = ? AND status = ?",
                status, reason, Timestamps.now(clock), signalId, OrderIntent.PLANNED);
    }

    /** Le trade, la position et la fin de l'intention ; une intention déjà close n'écrit rien. */
    private void recordFill(SqlTransaction tx, OrderIntent intent, OrderFill fill, String now) {
        // sending (ou planned, retrouvé à la bourse) → filled | expired ; une intention déjà close n'écrit rien
        if (tx.update("UPDATE order_intents SET status = ?, exchange_order_id = ?, reason = ?, updated_at = ? WHERE id = ? "
                + "AND status IN (?, ?)", fill.filledSomething() ? OrderIntent.FILLED : OrderIntent.EXPIRED, fill.exchangeOrderId(),
                fillReason(intent, fill), now, intent.id(), OrderIntent.SENDING, OrderIntent.PLANNED) == 0) {
            return;
        }
        if (!fill.filledSomething()) {
            return;
        }
        writePosition(tx, intent.pair(), position(tx, intent.pair()).apply(intent.side(), fill.quantity(), fill.quoteAmount()));
        if (intent.side() == Side.BUY && intent.pair().equals(BNB_PAIR)) {
            if (wholeAccount) {
                payOwedCommission(tx);
            } else {
                // une dette laissée par LIVE_SIZING=wallet avant un passage en budget : jamais prise sur le BNB
                // que ce registre-ci achète (elle ne concerne que le compte entier d'alors)
                forgetOwedCommission(tx);
            }
        }
        boolean feeInPosition = payBnbCommissionFromPosition(tx, intent, fill);
        if (wholeAccount) {
            // wallet : l'USDC que le registre attend sur le compte bouge avec l'exécution (WalletCash)
            BigDecimal cashMove = intent.side() == Side.BUY ? fill.quoteAmount().negate() : fill.quoteAmount();
            WalletCash.move(tx, cashMove.subtract(fill.commissions().getOrDefault(TrackedPairs.QUOTE_ASSET, BigDecimal.ZERO)), now);
        }
        tx.update("INSERT INTO trades (signal_id, client_order_id, coin, action, amount_usdt, price, quantity, fee_usdt, "
                + "fee_asset, is_simulated, fee_in_position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                intent.signalId(), intent.clientOrderId(), intent.pair(), intent.side().name(), Money.toDb(fill.quoteAmount()),
                Money.toDb(fill.price()), Money.toDb(fill.quantity()), Money.toDb(fill.feeUsdc()), fill.feeAsset(),
                fill.simulated() ? 1 : 0, feeInPosition ? 1 : 0, now);
    }

    /**
     * Ce que la fin de l'ordre dit à l'utilisateur : rien s'il a été exécuté en entier. Arrêté par la
     * prévention du self-trade de Binance (EXPIRED_IN_MATCH), il a rencontré un ordre de l'utilisateur
     * lui-même sur ce compte : celui-ci reste au carnet, l'ordre du suiveur s'arrête à ce qu'il a exécuté.
     */
    private static String fillReason(OrderIntent intent, OrderFill fill) {
        String order = intent.pair() + " " + intent.side();
        if (SELF_TRADE_EXPIRED.equals(fill.status())) {
            return order + " stopped by Binance's self-trade prevention: it met a resting order of yours on this account, "
                    + "left untouched; " + (fill.filledSomething() ? Money.plain(fill.quantity()) + " executed before it"
                    : "nothing executed");
        }
        return fill.filledSomething() ? null : order + ": nothing filled (" + fill.status() + ")";
    }

    /**
     * Une commission prise en BNB sort du solde BNB du compte : si la position BNB du suiveur la couvre,
     * c'est elle qui paie (sa quantité baisse, ses liquidités non). Sinon, en budget, c'est le BNB de
     * l'utilisateur, et le budget du suiveur la paie en USDC (LedgerPortfolioValuation) ; jamais les deux.
     * En wallet, il n'y a pas de BNB de l'utilisateur : ce BNB-là est arrivé sur le compte avant le
     * registre (un achat non résolu, un dépôt pas encore adopté) ; la position paie ce qu'elle a et doit
     * le reste ({@link #payOwedCommission}). Un achat de BNB payé en BNB a déjà sa commission ôtée de la
     * quantité créditée.
     */
    private boolean payBnbCommissionFromPosition(SqlTransaction tx, OrderIntent intent, OrderFill fill) {
        BigDecimal bnb = fill.commissions().get(BNB);
        if (bnb == null || bnb.signum() <= 0 || (intent.side() == Side.BUY && intent.pair().equals(BNB_PAIR))) {
            return false;
        }
        PositionBook held = position(tx, BNB_PAIR);
        if (held.quantity().compareTo(bnb) >= 0) {
            writePosition(tx, BNB_PAIR, held.withQuantity(held.quantity().subtract(bnb)));
            return true;
        }
        if (!wholeAccount) {
            return false;
        }
        writePosition(tx, BNB_PAIR, PositionBook.EMPTY);
        BigDecimal owed = owedCommission(tx).add(bnb.subtract(held.quantity()));
        tx.update("UPDATE positions SET commission_owed = ? WHERE coin = ?", Money.toDb(owed), BNB_PAIR);
        return true;
    }

    /** Le BNB acheté est écrit : la position paie d'abord les commissions qu'elle devait. */
    private void payOwedCommission(SqlTransaction tx) {
        BigDecimal owed = owedCommission(tx);
        if (owed.signum() == 0) {
            return;
        }
        PositionBook held = position(tx, BNB_PAIR);
        BigDecimal paid = owed.min(held.quantity());
        writePosition(tx, BNB_PAIR, held.withQuantity(held.quantity().subtract(paid)));
        tx.update("UPDATE positions SET commission_owed = ? WHERE coin = ?", Money.toDb(owed.subtract(paid)), BNB_PAIR);
    }

    /** Le registre reprend le BNB du compte (LedgerReconciliation) : ce chiffre a déjà payé ce qui était dû. */
    static void forgetOwedCommission(SqlTransaction tx) {
        tx.update("UPDATE positions SET commission_owed = '0' WHERE coin = ? AND commission_owed <> '0'", BNB_PAIR);
    }

    private static BigDecimal owedCommission(SqlTransaction tx) {
        String owed = tx.one("SELECT commission_owed FROM positions WHERE coin = ?", rs -> rs.getString(1), BNB_PAIR);
        return owed == null ? BigDecimal.ZERO : Money.fromDb(owed);
    }

    static PositionBook position(SqlTransaction tx, String pair) {
        PositionBook book = tx.one("SELECT quantity, total_invested_usdt, avg_entry_price FROM positions WHERE coin = ?",
                rs -> new PositionBook(Money.fromDb(rs.getString(1)), Money.fromDb(rs.getString(2)),
                        Money.fromDb(rs.getString(3))), pair);
        return book == null ? PositionBook.EMPTY : book;
    }

    void writePosition(SqlTransaction tx, String pair, PositionBook book) {
        tx.update("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (coin) DO UPDATE SET quantity = excluded.quantity, avg_entry_price = excluded.avg_entry_price, "
                + "total_invested_usdt = excluded.total_invested_usdt, updated_at = excluded.updated_at",
                pair, Money.toDb(book.quantity()), Money.toDb(book.avgEntry()), Money.toDb(book.invested()), Timestamps.now(clock));
    }

    /** Distingue deux bases successives sur le même compte (voir {@link ClientOrderIds}). */
    private String salt() {
        if (ledgerSalt == null) {
            ledgerSalt = sql.one("SELECT created_at FROM budget WHERE id = 1", rs -> rs.getString(1));
        }
        return ledgerSalt;
    }

    private static OrderIntent intent(ResultSet rs) throws SQLException {
        return new OrderIntent(rs.getLong("id"), rs.getString("signal_id"), rs.getInt("seq"), rs.getString("client_order_id"),
                rs.getString("coin"), Side.valueOf(rs.getString("side")), Money.fromDb(rs.getString("quote_amount_usdt")),
                Money.fromDb(rs.getString("quantity")), rs.getString("status"), reason(rs), excluded(rs));
    }

    /**
     * Écartée exprès, pas faute de moyens : par EXCLUDE_COINS, ou parce qu'un ordre de la paire n'est pas
     * résolu ; la limite est la raison même de l'écart (RiskLimits et OrderPlanner les écrivent identiques).
     */
    private static boolean excluded(ResultSet rs) throws SQLException {
        String limit = rs.getString("limit_reason");
        return OrderIntent.SKIPPED.equals(rs.getString("status")) && limit != null && limit.equals(rs.getString("reason"))
                && (limit.contains("EXCLUDE_COINS") || limit.contains(" is still unresolved"));
    }

    /** L'issue de l'ordre, sinon ce qu'une limite de risque lui a fait (une coupe reste visible une fois exécutée). */
    private static String reason(ResultSet rs) throws SQLException {
        String outcome = rs.getString("reason");
        return outcome != null ? outcome : rs.getString("limit_reason");
    }

    BigDecimal heldQuantity(String pair) {
        String quantity = sql.one("SELECT quantity FROM positions WHERE coin = ?", rs -> rs.getString(1), pair);
        return quantity == null ? BigDecimal.ZERO : Money.fromDb(quantity);
    }

    Sql sql() {
        return sql;
    }
}
