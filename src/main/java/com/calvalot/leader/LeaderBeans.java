package com.calvalot.leader;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.IdempotentRepository;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.exchange.PairStatuses;
import com.calvalot.signal.SignalRepository;

/** Les beans du flux leader (routes/poll.camel.yaml et routes/agent.camel.yaml). */
public final class LeaderBeans {

    private LeaderBeans() {
    }

    public static void bind(Main main, Settings settings, DataSource dataSource, Sql sql,
                            AgentStateRepository agentState, SignalRepository signals, Clock clock, PairStatuses pairStatuses) {
        if (!settings.demo()) {
            PlainHttpLeader.warnIfPublic(settings.leaderUrl());
        }
        SeenSignals.repair(sql);
        IdempotentRepository seenSignals = SeenSignals.repository(sql);
        main.bind("seenSignals", seenSignals);
        main.bind("pollGate", new PollGate(agentState, settings.leaderConfigured()));
        main.bind("leaderRequestSigner", new LeaderRequestSigner(settings.signalSecret(), settings.version(), clock));
        main.bind("leaderAnswerReader", new LeaderAnswerReader(new AuthFailureStreak()));
        main.bind("signalValidator", new SignalValidator());
        main.bind("signalRecorder", new SignalRecorder(sql, clock));
        main.bind("updateFlagWriter", new UpdateFlagWriter(settings.dbPath(), settings.version(), agentState));
        main.bind("noSignalWatch", new NoSignalWatch(agentState, sql, clock));
        PollRecorder pollRecorder = new PollRecorder(agentState, signals, clock);
        main.bind("pollRecorder", pollRecorder);
        main.bind("pollFailures", new PollFailures());
        PollCycles pollCycles = new PollCycles(agentState, pollRecorder, clock);
        main.bind("pollCycles", pollCycles);
        // après l'installation, l'application se reconstruit dans le même processus : le fil de
        // l'ancienne ne doit pas rester
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport stopped) {
                pollCycles.shutdown();
            }
        });
        main.bind("agentStatus", new AgentStatusView(agentState, settings, pollCycles, pairStatuses));
    }
}
