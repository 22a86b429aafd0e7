package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.db.Sql;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;

/**
 * La valeur du portefeuille en dry run, tirée du registre local (trading-rules.md, « Capital ») :
 * {@code cash = Σ dépôts en USDC − Σ achats (montant + frais) + Σ ventes (montant − frais) − Σ retraits},
 * jamais négatif ; les quantités viennent de la table positions.
 * Les sommes se font en BigDecimal côté Java : SUM() de SQLite passerait par des REAL.
 */
public class LedgerPortfolioValuation implements PortfolioValuation {

    private final Sql sql;
    private final MarketData marketData;
    private final DepositConversion deposits;

    public LedgerPortfolioValuation(Sql sql, MarketData marketData) {
        this.sql = sql;
        this.marketData = marketData;
        this.deposits = new DepositConversion(sql);
    }

    @Override
    public PortfolioValue current() {
        return valueAt(marketData.latest());
    }

    @Override
    public PortfolioValue readNow() {
        return valueAt(marketData.refresh());
    }

    @Override
    public PortfolioValue valueAt(MarketSnapshot market) {
        if (market.known()) {
            deposits.convertPending(market.eurUsdc());
        }
        return PortfolioValue.of(cash(), quantities(), market, true);
    }

    /** Les liquidités simulées ; null tant qu'un dépôt attend encore son cours de conversion. */
    BigDecimal cash() {
        List<String> pending = sql.list("SELECT amount_usdt FROM deposits WHERE amount_usdt IS NULL", rs -> rs.getString(1));
        if (!pending.isEmpty()) {
            return null;
        }
        BigDecimal cash = sum("SELECT amount_usdt FROM deposits");
        cash = cash.subtract(sum("SELECT amount_usdt FROM trades WHERE action = 'BUY'"));
        // un achat réel paie sa commission sur la pièce achetée (quantité nette) ou en BNB, jamais en USDC
        cash = cash.subtract(sum("SELECT fee_usdt FROM trades WHERE action = 'BUY' AND is_simulated = 1"));
        cash = cash.add(sum("SELECT amount_usdt FROM trades WHERE action = 'SELL'"));
        cash = cash.subtract(sum("SELECT fee_usdt FROM trades WHERE action = 'SELL'"));
        cash = cash.subtract(sum("SELECT amount_usdt_sold FROM withdrawals"));
        return cash.signum() < 0 ? Money.down(BigDecimal.ZERO) : Money.down(cash);
    }

    /** Le dernier trade écrit (0 sans trade) : ce qui a changé depuis une lecture des soldes. */
    long lastTradeId() {
        return sql.one("SELECT coalesce(max(id), 0) FROM trades", rs -> rs.getLong(1));
    }

    Map<String, BigDecimal> quantities() {
        Map<String, BigDecimal> quantities = new HashMap<>();
        sql.list("SELECT coin, quantity FROM positions", rs -> quantities.put(rs.getString(1), Money.fromDb(rs.getString(2))));
        quantities.values().removeIf(q -> q.signum() == 0);
        return quantities;
    }

    private BigDecimal sum(String query) {
        return sql.list(query, rs -> Money.fromDb(rs.getString(1))).stream()
                .filter(v -> v != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
