package com.calvalot.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.budget.BudgetLedger;
import com.calvalot.config.TradingMode;
import com.calvalot.market.MarketData;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;

/**
 * POST /api/budget/deposit {"amount_eur": 50} : 0 &lt; montant ≤ 100000. Ajoute au total déposé ;
 * en dry run, la même valeur de liquidités simulées au cours EURUSDC du moment (ou au premier cours
 * connu si la bourse ne répond pas). Tout est vérifié avant d'écrire : un refus ne change rien.
 */
public class DepositEndpoint implements Processor {

    static final BigDecimal MAX_DEPOSIT_EUR = new BigDecimal("100000");

    private final BudgetLedger ledger;
    private final TradingMode mode;
    private final boolean budgetSizing;
    private final MarketData marketData;

    public DepositEndpoint(BudgetLedger ledger, TradingMode mode, boolean budgetSizing, MarketData marketData) {
        this.ledger = ledger;
        this.mode = mode;
        this.budgetSizing = budgetSizing;
        this.marketData = marketData;
    }

    @Override
    public void process(Exchange exchange) {
        BigDecimal given = JsonBody.number(JsonBody.object(exchange), "amount_eur");
        BigDecimal amount = Money.round(given);
        if (given.signum() <= 0 || amount.signum() <= 0 || given.compareTo(MAX_DEPOSIT_EUR) > 0) {
            throw ApiException.badRequest("amount_eur must be greater than 0 and at most 100000");
        }
        boolean simulated = mode == TradingMode.DRY_RUN;
        // dry run et LIVE_SIZING=budget : un flux qui agrandit le budget du suiveur ; wallet : le suiveur enregistre
        // seul l'argent qu'il voit arriver, la déclaration dit ce qu'il a déjà vu et ne compte rien deux fois
        boolean wholeAccount = mode == TradingMode.LIVE && !budgetSizing;
        BigDecimal rate = currentRate(wholeAccount);
        if (wholeAccount && rate == null) {
            throw new ApiException(503, "the EUR/USDC rate is not known yet (Binance unreachable): try again in a minute");
        }
        BudgetLedger.Deposit deposit = ledger.deposit(amount, simulated, rate, wholeAccount);
        if (deposit == null) {
            throw ApiException.conflict("the budget is not initialized");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("total_deposited_eur", Money.forJson(deposit.totalDepositedEur()));
        if (wholeAccount) {
            answer.put("already_seen_eur", Money.forJson(deposit.alreadySeenEur()));
            answer.put("not_seen_yet_eur", Money.forJson(deposit.notSeenYetEur()));
        }
        JsonResponses.write(exchange, 200, answer);
    }

    /**
     * Le cours EURUSDC (USDC pour 1 EUR), ou null s'il n'a jamais pu être lu ; {@code needed} (wallet : le dépôt
     * se compare à l'USDC vu arriver) : lu maintenant s'il ne l'a pas encore été.
     */
    private BigDecimal currentRate(boolean needed) {
        MarketSnapshot market = marketData.latest();
        if (!market.known() && needed) {
            market = marketData.refresh();
        }
        return market.known() ? market.eurUsdc() : null;
    }
}
