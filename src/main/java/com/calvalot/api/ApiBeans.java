package com.calvalot.api;

import java.time.Clock;

import org.apache.camel.main.Main;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.budget.BudgetLedger;
import com.calvalot.budget.BudgetReport;
import com.calvalot.budget.SnapshotHistory;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.market.MarketData;
import com.calvalot.perfect.CopyTracking;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.security.HttpSecurity;

/** Les beans de l'API REST (api.md sauf /api/agent/*), du budget et de la sécurité HTTP. */
public final class ApiBeans {

    private ApiBeans() {
    }

    /** Les réglages de l'API vérifiés avant que rien ne démarre (la base n'est pas encore créée). */
    public static void checkSettings(Settings settings) {
        HttpSecurity.checkSettings(settings);
    }

    public static void bind(Main main, Settings settings, Sql sql, AgentStateRepository agentState, Clock clock,
                            MarketData marketData, PortfolioValuation valuation) {
        main.bind("httpGuardInstaller", HttpSecurity.install(main, settings, UnmatchedRequests::new));
        BudgetLedger ledger = new BudgetLedger(sql, clock);
        main.bind("budgetEndpoint", new BudgetEndpoint(new BudgetReport(ledger, agentState, sql, settings, valuation)));
        main.bind("historyEndpoint", new HistoryEndpoint(new SnapshotHistory(sql, clock)));
        main.bind("depositEndpoint", new DepositEndpoint(ledger, settings.tradingMode(),
                settings.risk().budgetSizing(), marketData));
        main.bind("depositCorrectionEndpoint", new DepositCorrectionEndpoint(ledger));
        main.bind("withdrawalsEndpoint", new WithdrawalsEndpoint(sql));
        main.bind("tradesEndpoint", new TradesEndpoint(sql));
        main.bind("positionsEndpoint", new PositionsEndpoint(sql, marketData));
        main.bind("pricesEndpoint", new PricesEndpoint(marketData));
        main.bind("signalsEndpoint", new SignalsEndpoint(sql));
        main.bind("copyTrackingEndpoint", new CopyTrackingEndpoint(new CopyTracking(sql, clock)));
    }

}
