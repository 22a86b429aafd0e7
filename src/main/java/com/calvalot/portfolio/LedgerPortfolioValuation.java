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
 * Elles ne sont refaites que quand le registre a bougé : la table ledger_version avance (triggers)
 * dans la transaction de chaque trade, dépôt ou retrait ; sinon le dernier résultat exact resservi.
 */
public class LedgerPortfolioValuation implements PortfolioValuation {

    private final Sql sql;
    private final MarketData marketData;
    private final DepositConversion deposits;
    private volatile CachedCash cached;
    private static final MarketSnapshot NO_MARKET = new MarketSnapshot(Map.of(), null, true, null);

    /** Les liquidités calculées à une version du registre (cash null : un dépôt attend son cours). */
    private record CachedCash(long version, BigDecimal cash) {
    }

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
        return PortfolioValue.of(cash(market), quantities(), market, true);
    }

    /**
     * Les liquidités simulées ; null tant qu'un dépôt attend encore son cours de conversion.
     * Sans écriture depuis le dernier calcul (même version), le résultat est resservi : un dépôt en
     * attente aurait fait avancer la version, il n'y a donc rien à convertir.
     */
    BigDecimal cash(MarketSnapshot market) {
        // la version est lue AVANT les sommes : une écriture entre les deux donne une version
        // plus récente à la lecture suivante, donc un nouveau calcul, jamais un résultat périmé
        Long version = version();
        CachedCash known = cached;
        if (version != null && known != null && known.version() == version && (known.cash() != null || !market.known())) {
            return known.cash();
        }
        if (market.known()) {
            deposits.convertPending(market.eurUsdc());
            version = version();
        }
        BigDecimal cash = summedCash();
        if (version != null) {
            cached = new CachedCash(version, cash);
        }
        return cash;
    }

    /** Les liquidités du registre seul, sans convertir de dépôt en attente (null tant qu'il y en a un). */
    BigDecimal cash() {
        return cash(NO_MARKET);
    }

    private Long version() {
        return sql.one("SELECT version FROM ledger_version WHERE id = 1", rs -> rs.getLong(1));
    }

    private BigDecimal summedCash() {
        List<String> pending = sql.list("SELECT amount_usdt FROM deposits WHERE amount_usdt IS NULL", rs -> rs.getString(1));
        if (!pending.isEmpty()) {
            return null;
        }
        // les flux d'une pièce (adoptée, partie) bougent la position, jamais les liquidités
        BigDecimal cash = sum("SELECT amount_usdt FROM deposits WHERE asset IS NULL");
        cash = cash.subtract(sum("SELECT amount_usdt FROM trades WHERE action = 'BUY'"));
        // un achat réel payé sur la pièce achetée l'est déjà (quantité nette) ; payé dans un autre actif
        // (BNB) que le suiveur ne détient pas, la commission sort du solde de l'utilisateur : son budget la paie ;
        // payée par sa propre position BNB (fee_in_position), elle ne sort pas de ses liquidités
        cash = cash.subtract(sum("SELECT fee_usdt FROM trades WHERE action = 'BUY' AND fee_in_position = 0 AND (is_simulated = 1 "
                + "OR (fee_asset IS NOT NULL AND fee_asset || 'USDC' <> coin))"));
        cash = cash.add(sum("SELECT amount_usdt FROM trades WHERE action = 'SELL'"));
        cash = cash.subtract(sum("SELECT fee_usdt FROM trades WHERE action = 'SELL' AND fee_in_position = 0"));
        cash = cash.subtract(sum("SELECT amount_usdt_sold FROM withdrawals WHERE asset IS NULL"));
        return cash.signum() < 0 ? Money.down(BigDecimal.ZERO) : Money.down(cash);
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
