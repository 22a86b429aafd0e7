package com.calvalot.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.budget.BudgetLedger;
import com.calvalot.money.Money;

/**
 * PUT /api/budget/deposit {"total_eur": 120} : 0 ≤ total ≤ 10000000. Fixe le total déposé, pour
 * le P&L seulement : aucune liquidité ne bouge.
 */
public class DepositCorrectionEndpoint implements Processor {

    static final BigDecimal MAX_TOTAL_EUR = new BigDecimal("10000000");

    private final BudgetLedger ledger;

    public DepositCorrectionEndpoint(BudgetLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        BigDecimal given = JsonBody.number(JsonBody.object(exchange), "total_eur");
        if (given.signum() < 0 || given.compareTo(MAX_TOTAL_EUR) > 0) {
            throw ApiException.badRequest("total_eur must be from 0 to 10000000");
        }
        BigDecimal total = Money.round(given);
        if (!ledger.correctTotalDeposited(total)) {
            throw ApiException.conflict("the budget is not initialized");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("total_deposited_eur", Money.forJson(total));
        JsonResponses.write(exchange, 200, answer);
    }
}
