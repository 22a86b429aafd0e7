package com.calvalot;

import java.time.Clock;
import javax.sql.DataSource;

import org.apache.camel.main.Main;

import com.calvalot.advisor.AdvisorBeans;
import com.calvalot.agent.AgentStateRepository;
import com.calvalot.agent.DiskFullGuard;
import com.calvalot.alert.AlertBeans;
import com.calvalot.api.ApiBeans;
import com.calvalot.api.ApiErrorResponder;
import com.calvalot.api.HealthProbe;
import com.calvalot.backup.BackupBeans;
import com.calvalot.budget.SnapshotRetention;
import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.dashboard.DashboardBeans;
import com.calvalot.db.Sql;
import com.calvalot.exchange.BinanceHttp;
import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.exchange.PairStatuses;
import com.calvalot.demo.DemoBeans;
import com.calvalot.leader.LeaderBeans;
import com.calvalot.market.BinanceMarketData;
import com.calvalot.market.MarketData;
import com.calvalot.money.Money;
import com.calvalot.ops.OpsBeans;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.security.FrontDoor;
import com.calvalot.setup.SetupBeans;
import com.calvalot.signal.SignalRepository;
import com.calvalot.telegram.TelegramBeans;
import com.calvalot.trade.TradingBeans;

/** Les beans nommés que les routes YAML appellent ; un nom dit ce que fait le bean. */
final class AppBeans {

    private AppBeans() {
    }

    static void bind(Main main, Settings settings, ConfigurationSource source, DataSource dataSource, Clock clock,
                     FrontDoor door, Runnable startFollowing) {
        main.bind("settings", settings);
        main.bind("dataSource", dataSource);
        main.bind("clock", clock);
        main.bind("healthProbe", new HealthProbe(dataSource));
        main.bind("apiErrorResponder", new ApiErrorResponder());
        Sql sql = new Sql(dataSource);
        main.bind("sql", sql);
        main.bind("snapshotRetention", new SnapshotRetention(sql, clock));
        AgentStateRepository agentState = new AgentStateRepository(sql);
        main.bind("agentState", agentState);
        main.bind("diskFullGuard", new DiskFullGuard(agentState, sql.disk()));
        SignalRepository signals = new SignalRepository(sql);
        main.bind("signalRepository", signals);
        OpsBeans.bind(main, settings, sql, agentState, clock);
        // les paires que Binance ne laisse pas trader (hors TRADING, plus cotées) : vues par les prix et exchangeInfo
        PairStatuses pairStatuses = new PairStatuses();
        main.bind("pairStatuses", pairStatuses);
        LeaderBeans.bind(main, settings, dataSource, sql, agentState, signals, clock, pairStatuses);
        DemoBeans.bind(main, settings, clock);
        AlertBeans.bind(main, settings, clock, sql, agentState, pairStatuses);
        // une seule pause Retry-After pour tous les appels Binance du processus (prix publics compris)
        BinanceRateGate rateGate = new BinanceRateGate(clock);
        BinanceHttp binance = TradingBeans.binance(main, settings, rateGate);
        // une paire plus cotée, sans cours lu depuis le démarrage : son dernier prix de trade, sinon son prix d'entrée
        MarketData marketData = new BinanceMarketData(binance, clock, rateGate, pairStatuses, pair -> Money.fromDb(sql.one(
                "SELECT coalesce((SELECT price FROM trades WHERE coin = ? ORDER BY id DESC LIMIT 1), "
                + "(SELECT avg_entry_price FROM positions WHERE coin = ? AND avg_entry_price <> '0'))",
                rs -> rs.getString(1), pair, pair)));
        main.bind("marketData", marketData);
        PortfolioValuation valuation = TradingBeans.bind(main, settings, sql, agentState, signals, clock, marketData, binance,
                pairStatuses);
        ApiBeans.bind(main, settings, sql, agentState, clock, marketData, valuation, door);
        AdvisorBeans.bind(main, settings, sql, clock);
        DashboardBeans.bind(main);
        BackupBeans.bind(main, settings.backup(), dataSource, clock);
        TelegramBeans.bind(main, settings, clock, sql);
        SetupBeans.bind(main, settings, source, sql, clock, startFollowing,
                () -> door.close("starting with its new settings"));
    }
}
