package com.calvalot.trade;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.agent.DrawdownGuard;
import com.calvalot.config.Settings;
import com.calvalot.config.TradingMode;
import com.calvalot.db.Sql;
import com.calvalot.exchange.BinanceAccount;
import com.calvalot.exchange.BinanceExchange;
import com.calvalot.exchange.BinanceHttp;
import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.exchange.BinanceTransport;
import com.calvalot.exchange.DryRunExchange;
import com.calvalot.exchange.Exchange;
import com.calvalot.exchange.ExchangeFilters;
import com.calvalot.exchange.PairStatuses;
import com.calvalot.market.MarketData;
import com.calvalot.perfect.PerfectCopyBook;
import com.calvalot.portfolio.BinancePortfolioValuation;
import com.calvalot.portfolio.BudgetPortfolioValuation;
import com.calvalot.portfolio.LedgerPortfolioValuation;
import com.calvalot.portfolio.PendingDrifts;
import com.calvalot.portfolio.WalletPortfolioValuation;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.signal.SignalRepository;

/**
 * Les beans du flux de trading. Le mode choisit la bourse (simulation ou Binance) et la valorisation
 * (le registre local en dry run, les soldes du compte en live ; avec LIVE_SIZING=budget, le registre
 * plafonné aux soldes du compte).
 */
public final class TradingBeans {

    static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(30);

    private TradingBeans() {
    }

    /** Lie les beans du mode choisi et renvoie la valorisation du portefeuille, liée sous {@code portfolioValuation}. */
    public static PortfolioValuation bind(Main main, Settings settings, Sql sql, AgentStateRepository agentState,
                                          SignalRepository signals, Clock clock, MarketData marketData,
                                          BinanceHttp http, PairStatuses pairStatuses) {
        boolean live = settings.tradingMode() == TradingMode.LIVE;
        ExecutorService calls = exchangeCalls();
        Exchange exchange;
        PortfolioValuation valuation;
        if (live) {
            // chaque lecture du compte dit aussi son taux de commission : la bourse le rapporte avec chaque signal
            BinanceAccount account = new BinanceAccount(http);
            exchange = new BinanceExchange(http, new ExchangeFilters(http, clock, pairStatuses), millis("lookupPauseMs", 1_000),
                    account);
            valuation = new BinancePortfolioValuation(account, marketData, clock, calls);
            // ce qu'un écart en cours a éloigné du compte reste possédé (PendingDrifts), dans les deux modes
            PendingDrifts drifts = new PendingDrifts(sql);
            valuation = settings.risk().budgetSizing()
                    ? new BudgetPortfolioValuation(valuation, new LedgerPortfolioValuation(sql, marketData), drifts)
                    : new WalletPortfolioValuation(valuation, drifts);
        } else {
            exchange = new DryRunExchange();
            valuation = new LedgerPortfolioValuation(sql, marketData);
        }
        TradeLedger ledger = new TradeLedger(sql, clock, live && !settings.risk().budgetSizing());
        Duration maxDelay = Duration.ofSeconds(settings.signalMaxDelaySeconds());
        SignalLifecycle lifecycle = new SignalLifecycle(sql, agentState, clock, maxDelay);
        // une seule synchronisation initiale : le flux de trading la fait, le poll la relance après une panne
        InitialSync initialSync = new InitialSync(sql, agentState, lifecycle, clock, maxDelay);
        TradingLock lock = new TradingLock();
        LedgerReconciliation reconciliation = new LedgerReconciliation(ledger, clock, live,
                valuation instanceof BudgetPortfolioValuation budget ? budget : null, lock);
        PerfectCopyBook perfectCopy = new PerfectCopyBook(sql, clock);
        SignalExecution execution = new SignalExecution(signals, lifecycle, agentState, valuation, planner(settings), exchange,
                ledger, initialSync, reconciliation, calls, perfectCopy);
        main.bind("portfolioValuation", valuation);
        main.bind("exchange", exchange);
        main.bind("tradingLock", lock);
        main.bind("ledgerReconciliation", reconciliation);
        main.bind("initialSync", initialSync);
        main.bind("signalExecution", execution);
        main.bind("orderWave", new OrderWave(exchange, ledger, lifecycle, valuation, calls));
        main.bind("copyReport", new CopyReport(sql, valuation));
        main.bind("signalResume", new SignalResume(signals, lifecycle, execution, ledger, valuation, marketData, agentState,
                exchange, clock));
        main.bind("tradeErrorRecorder", new TradeErrorRecorder(signals, lifecycle, retryDelay(settings)));
        main.bind("portfolioSnapshots", new PortfolioSnapshots(sql, valuation, agentState, clock, live, perfectCopy, lock));
        main.bind("drawdownGuard", new DrawdownGuard(sql, agentState, settings.risk().pauseOnDrawdownPct()));
        main.addInitialProperty("trade.retry.ms", String.valueOf(retryDelay(settings).toMillis()));
        return valuation;
    }

    /** Le planificateur des réglages : celui du trading, et celui que rejoue le conseiller de budget. */
    static OrderPlanner planner(Settings settings) {
        return new OrderPlanner(settings.rebalanceThresholdPct(), new RiskLimits(settings.risk()));
    }

    /** Le conseiller de budget : les signaux suivis, rejoués avec le même planificateur (aucun ordre, aucune requête). */
    public static BudgetReplay budgetReplay(Settings settings, Sql sql) {
        return new BudgetReplay(sql, planner(settings));
    }

    /**
     * Tous les quelques secondes, un signal resté « executing » (bourse muette, relecture refusée)
     * est repris : bien avant SIGNAL_MAX_DELAY_SECONDS, sans attendre un intervalle de poll entier.
     */
    static Duration retryDelay(Settings settings) {
        long fallback = Math.min(10_000L, settings.signalMaxDelaySeconds() * 1000L / 10);
        return Duration.ofMillis(Long.getLong("calvalot.trade.retryMs", fallback));
    }

    /**
     * Les appels Binance du processus, publics (prix) et signés (compte, ordres), sur un seul
     * transport, fermé quand Camel s'arrête ; un seul feu Retry-After pour tous.
     */
    public static BinanceHttp binance(Main main, Settings settings, BinanceRateGate rateGate) {
        BinanceTransport transport = new BinanceTransport(millis("timeoutMs", 10_000));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport stopped) {
                transport.close();
            }
        });
        return new BinanceHttp(transport, settings.binanceBaseUrl(), settings.binanceApiKey(), settings.binanceApiSecret(),
                rateGate, Clock.systemUTC(), MAX_RATE_LIMIT_WAIT, millis("recvWindowMs", 5_000));
    }

    /** Les appels Binance d'une vague partent ensemble, chacun sur son fil (démon : rien ne retient l'arrêt). */
    private static ExecutorService exchangeCalls() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "exchange-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Délais Binance (délai d'appel, recvWindow, pause entre relectures) ; les tests les raccourcissent. */
    private static Duration millis(String name, long fallback) {
        return Duration.ofMillis(Long.getLong("calvalot.binance." + name, fallback));
    }
}
