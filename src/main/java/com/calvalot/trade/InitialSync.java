package com.calvalot.trade;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.db.SqlTransaction;
import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.Signal;
import com.calvalot.time.Timestamps;

/**
 * La synchronisation initiale (trading-rules.md) : une base sans position ni signal exécuté copie
 * une fois le portfolio_state du premier signal qui en porte un, en rééquilibrage v2 enregistré
 * sous {@code initial_sync} ; le signal du leader est alors noté exécuté par la synchronisation.
 * Une fois par base : le drapeau agent_state est posé dans la même transaction que le plan.
 */
public class InitialSync {

    private static final Logger LOG = LoggerFactory.getLogger(InitialSync.class);

    /** Posée sur l'échange par la relance après une panne : seule la synchronisation peut en sortir. */
    public static final String RETRY = "initialSyncRetry";

    private final Sql sql;
    private final AgentStateRepository agentState;
    private final SignalLifecycle lifecycle;
    private final Clock clock;
    private final Duration maxDelay;

    public InitialSync(Sql sql, AgentStateRepository agentState, SignalLifecycle lifecycle, Clock clock, Duration maxDelay) {
        this.sql = sql;
        this.agentState = agentState;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.maxDelay = maxDelay;
    }

    /** Due pour ce signal : rien détenu (hors poussière), rien exécuté, et un état à copier. */
    boolean dueFor(Signal signal, PortfolioValue value) {
        if (signal.portfolioState() == null || agentState.isInitialSyncDone()) {
            return false;
        }
        Integer executed = sql.one("SELECT count(*) FROM signals WHERE status = 'executed' OR signal_id = ?",
                rs -> rs.getInt(1), Signal.INITIAL_SYNC_ID);
        return executed == 0 && nothingHeld(value);
    }

    /**
     * Sur un doublon (routes/poll.camel.yaml) : la synchronisation initiale est encore due si le premier
     * signal est tombé en error parce que la bourse ne répondait pas (avant tout plan), qu'il est encore
     * dans SIGNAL_MAX_DELAY_SECONDS, et que cette base n'a jamais rien tradé ni détenu. C'est le seul
     * cas : un signal repris de l'ancien suiveur, ou fini en error pour une autre raison, n'est jamais
     * rejoué de lui-même. Le signal repasse alors {@code received}, marqué {@link #RETRY} : le flux de
     * trading ne fait que la synchronisation, jamais les actions du signal (trading-rules.md).
     */
    public boolean retryAfterOutage(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof Signal signal) || signal.portfolioState() == null
                || agentState.isInitialSyncDone()) {
            return false;
        }
        String notBefore = Timestamps.format(clock.instant().minus(maxDelay));
        boolean reopened = lifecycle.reopenForInitialSync(signal.signalId(), SignalExecution.EXCHANGE_UNREADABLE, notBefore,
                "AND NOT EXISTS (SELECT 1 FROM order_intents) "
                + "AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.status = 'executed' OR s.signal_id = ?) "
                + "AND NOT EXISTS (SELECT 1 FROM trades) "
                + "AND NOT EXISTS (SELECT 1 FROM positions WHERE CAST(quantity AS REAL) > 0)", Signal.INITIAL_SYNC_ID);
        if (reopened) {
            LOG.info("The initial sync is still due: retrying it with the portfolio_state of {}", signal.signalId());
            exchange.setProperty(RETRY, true);
        }
        return reopened;
    }

    private static boolean nothingHeld(PortfolioValue value) {
        for (Map.Entry<String, BigDecimal> held : value.quantities().entrySet()) {
            BigDecimal price = value.market().price(held.getKey());
            if (price != null && held.getValue().multiply(price).compareTo(Money.ANTI_DUST_USDC) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Le rééquilibrage à exécuter : l'état du leader, en v2, sous l'id réservé. */
    static Signal asRebalance(Signal leaderSignal) {
        return new Signal(Signal.INITIAL_SYNC_ID, 2, null, "initial sync to the leader's portfolio_state of "
                + leaderSignal.signalId(), List.of(), leaderSignal.portfolioState(), null);
    }

    /** Dans la transaction du plan : la ligne initial_sync, le signal du leader couvert, le drapeau. */
    void record(SqlTransaction tx, Signal leaderSignal) {
        Signal sync = asRebalance(leaderSignal);
        tx.update("INSERT INTO signals (signal_id, version, reasoning, actions, portfolio_state, status, received_at) "
                + "VALUES (?, 2, ?, '[]', ?, 'executing', ?)", sync.signalId(), sync.reasoning(),
                portfolioStateJson(sync), Timestamps.now(clock));
        lifecycle.coveredBySync(tx, leaderSignal.signalId(), Signal.INITIAL_SYNC_ID);
        tx.update("UPDATE agent_state SET initial_sync_done = 1 WHERE id = 1");
    }

    private static String portfolioStateJson(Signal sync) {
        return Json.write(Map.of("positions", sync.portfolioState().stream()
                .map(p -> Map.of("coin", p.coin(), "pct_of_portfolio", p.pctOfPortfolio())).toList()));
    }
}
