package com.calvalot.api;

import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.apache.camel.main.Main;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.budget.BudgetLedger;
import com.calvalot.budget.BudgetReport;
import com.calvalot.budget.SnapshotHistory;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.market.MarketData;
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

    public static void bind(Main main, Settings settings, DataSource dataSource, Clock clock) {
        main.bind("httpGuardInstaller", HttpSecurity.install(main, settings, UnmatchedRequests::new));
        Sql sql = new Sql(dataSource);
        // lus par leur nom à chaque requête : le flux de trading peut relier portfolioValuation selon le mode
        Supplier<MarketData> marketData = () -> lookup(main, "marketData", MarketData.class);
        Supplier<PortfolioValuation> valuation = () -> lookup(main, "portfolioValuation", PortfolioValuation.class);
        BudgetLedger ledger = new BudgetLedger(sql, clock);
        main.bind("budgetEndpoint", new BudgetEndpoint(new BudgetReport(ledger, new AgentStateRepository(sql), sql,
                settings, valuation)));
        main.bind("historyEndpoint", new HistoryEndpoint(new SnapshotHistory(sql, clock)));
        main.bind("depositEndpoint", new DepositEndpoint(ledger, settings.tradingMode(), marketData));
        main.bind("depositCorrectionEndpoint", new DepositCorrectionEndpoint(ledger));
        main.bind("withdrawalsEndpoint", new WithdrawalsEndpoint(sql));
        main.bind("tradesEndpoint", new TradesEndpoint(sql));
        main.bind("positionsEndpoint", new PositionsEndpoint(sql, marketData));
        main.bind("pricesEndpoint", new PricesEndpoint(marketData));
        main.bind("signalsEndpoint", new SignalsEndpoint(sql));
    }

    private static <T> T lookup(Main main, String name, Class<T> type) {
        T bean = main.getCamelContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no bean " + name);
        }
        return bean;
    }
}
