package com.calvalot.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.budget.BudgetReport;

/** GET /api/budget. */
public class BudgetEndpoint implements Processor {

    private final BudgetReport report;

    public BudgetEndpoint(BudgetReport report) {
        this.report = report;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.writeJson(exchange, 200, report.currentJson());
    }
}
