package com.calvalot.leader;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.main.Main;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.signal.SignalRepository;

/** Les beans du flux leader (routes/poll.camel.yaml et routes/agent.camel.yaml). */
public final class LeaderBeans {

    private LeaderBeans() {
    }

    public static void bind(Main main, Settings settings, DataSource dataSource, Sql sql,
                            AgentStateRepository agentState, SignalRepository signals, Clock clock) {
        SeenSignals.repair(sql);
        main.bind("seenSignals", SeenSignals.repository(sql));
        main.bind("pollGate", new PollGate(agentState, settings.leaderConfigured()));
        main.bind("leaderRequestSigner", new LeaderRequestSigner(settings.signalSecret(), settings.version(), clock));
        main.bind("leaderAnswerReader", new LeaderAnswerReader(new AuthFailureStreak()));
        main.bind("leaderFailureClassifier", new LeaderFailureClassifier());
        main.bind("signalValidator", new SignalValidator());
        main.bind("signalRecorder", new SignalRecorder(sql, agentState, clock));
        main.bind("updateFlagWriter", new UpdateFlagWriter(settings.dbPath(), settings.version(), agentState));
        main.bind("noSignalWatch", new NoSignalWatch(agentState, sql, clock));
        main.bind("pollRecorder", new PollRecorder(agentState, signals, clock));
        main.bind("pollCycles", new PollCycles(agentState));
        main.bind("agentStatus", new AgentStatusView(agentState, settings));
    }
}
