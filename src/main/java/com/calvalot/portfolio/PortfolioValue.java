package com.calvalot.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.calvalot.exchange.BinanceAccount;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;

/**
 * La valeur du portefeuille à un instant : ce que le suiveur possède (liquidités {@code cashUsdt},
 * quantités par paire), et les totaux aux prix de {@code market} ; parts, survie et drawdown se jugent
 * là-dessus. Ce qui se dépense ({@code spendableUsdt}) et se vend ({@code sellable}) maintenant en est
 * la part disponible : l'USDC et les pièces libres, moins ce que les ordres non résolus réservent. En live,
 * l'USDC bloqué sous un ordre de l'utilisateur est possédé, pas dépensable ; ce qu'un écart en cours
 * (Earn, transfert) a éloigné du compte est possédé tant qu'il n'est pas confirmé. Les totaux sont null quand ils ne peuvent pas être calculés
 * (aucun prix jamais lu, liquidités inconnues). {@code reliable} est faux quand les prix sont
 * périmés ou (en live) quand les soldes n'ont pas pu être lus : une telle valeur ne tue jamais l'agent.
 * {@code sellable} : ce qui peut être vendu maintenant (en live, le libre : une pièce sous un ordre
 * de l'utilisateur est détenue mais pas vendable). En live, {@code account} garde les soldes lus
 * tels quels et {@code accountReadAt} l'heure de leur lecture (null en dry run, et quand des exécutions
 * ont bougé ces soldes depuis la lecture : ce ne sont plus les chiffres du compte).
 */
public record PortfolioValue(
        BigDecimal cashUsdt,
        Map<String, BigDecimal> quantities,
        BigDecimal positionsUsdt,
        BigDecimal totalUsdt,
        BigDecimal totalEur,
        MarketSnapshot market,
        boolean reliable,
        Map<String, BigDecimal> sellable,
        BinanceAccount.Balances account,
        Instant accountReadAt,
        BigDecimal spendableUsdt) {

    /** Valorise {@code quantities} aux prix de {@code market} ; {@code balancesRead} faux en live si les soldes manquent. */
    public static PortfolioValue of(BigDecimal cashUsdt, Map<String, BigDecimal> quantities, MarketSnapshot market,
                                    boolean balancesRead) {
        return of(cashUsdt, quantities, quantities, market, balancesRead, null, null);
    }

    /** Idem, avec ce qui se vend et les soldes du compte d'où viennent ces chiffres (tout l'USDC se dépense). */
    public static PortfolioValue of(BigDecimal cashUsdt, Map<String, BigDecimal> quantities, Map<String, BigDecimal> sellable,
                                    MarketSnapshot market, boolean balancesRead, BinanceAccount.Balances account,
                                    Instant accountReadAt) {
        return of(cashUsdt, cashUsdt, quantities, sellable, market, balancesRead, account, accountReadAt);
    }

    /** Idem, avec l'USDC possédé ({@code cashUsdt}) et celui qui se dépense ({@code spendableUsdt}). */
    public static PortfolioValue of(BigDecimal cashUsdt, BigDecimal spendableUsdt, Map<String, BigDecimal> quantities,
                                    Map<String, BigDecimal> sellable, MarketSnapshot market, boolean balancesRead,
                                    BinanceAccount.Balances account, Instant accountReadAt) {
        BigDecimal positions = market.known() ? BigDecimal.ZERO : null;
        for (var held : quantities.entrySet()) {
            BigDecimal price = market.price(held.getKey());
            positions = positions == null || price == null ? null : positions.add(held.getValue().multiply(price));
        }
        BigDecimal total = positions == null || cashUsdt == null ? null : Money.round(cashUsdt.add(positions));
        BigDecimal totalEur = total == null ? null : Money.usdcToEur(total, market.eurUsdc());
        boolean reliable = balancesRead && market.fresh() && total != null;
        BigDecimal spendable = spendableUsdt == null || cashUsdt == null ? spendableUsdt : spendableUsdt.min(cashUsdt);
        return new PortfolioValue(cashUsdt, Map.copyOf(quantities), positions == null ? null : Money.round(positions),
                total, totalEur, market, reliable, Map.copyOf(sellable), account, accountReadAt, spendable);
    }

    /** La même valeur possédée, une autre part disponible (ce que les ordres non résolus réservent en est ôté). */
    public PortfolioValue available(BigDecimal spendable, Map<String, BigDecimal> canSell) {
        return new PortfolioValue(cashUsdt, quantities, positionsUsdt, totalUsdt, totalEur, market, reliable,
                Map.copyOf(canSell), account, accountReadAt, spendable);
    }

    /** La même valeur, d'autres chiffres possédés (ce qu'un écart en cours a éloigné du compte y est rendu). */
    public PortfolioValue owning(BigDecimal cash, Map<String, BigDecimal> held) {
        PortfolioValue other = of(cash, spendableUsdt, held, sellable, market, reliable, account, accountReadAt);
        return reliable ? other : other.unreliable();
    }

    private PortfolioValue unreliable() {
        return new PortfolioValue(cashUsdt, quantities, positionsUsdt, totalUsdt, totalEur, market, false, sellable, account,
                accountReadAt, spendableUsdt);
    }

    /** La quantité vendable maintenant (jamais plus que la détenue). */
    public BigDecimal sellable(String pair) {
        BigDecimal held = quantities.getOrDefault(pair, BigDecimal.ZERO);
        return sellable.getOrDefault(pair, BigDecimal.ZERO).min(held);
    }

    /** La part d'une paire dans le total (0 si rien n'est détenu ou si le total est nul). */
    public BigDecimal share(String pair) {
        BigDecimal quantity = quantities.get(pair);
        BigDecimal price = market.price(pair);
        if (quantity == null || price == null || totalUsdt == null) {
            return BigDecimal.ZERO;
        }
        return Money.ratio(quantity.multiply(price), totalUsdt);
    }
}
