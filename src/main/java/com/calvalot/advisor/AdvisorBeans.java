package com.calvalot.advisor;

import java.time.Clock;

import org.apache.camel.main.Main;

import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.trade.TradingBeans;

/** Le conseiller de budget : GET /api/copy/advisor (routes/api.camel.yaml) et /advisor sur Telegram. */
public final class AdvisorBeans {

    private AdvisorBeans() {
    }

    public static void bind(Main main, Settings settings, Sql sql, Clock clock) {
        main.bind("advisorEndpoint", new AdvisorEndpoint(new BudgetAdvisor(TradingBeans.budgetReplay(settings, sql), sql,
                clock)));
    }
}
