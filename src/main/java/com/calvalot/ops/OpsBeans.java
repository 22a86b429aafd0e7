package com.calvalot.ops;

import java.nio.file.Path;
import java.time.Clock;

import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.config.Settings;
import com.calvalot.db.Sql;
import com.calvalot.perfect.CopyTracking;

/** Les beans de l'exploitation : /metrics, /api/trades.csv, /api/host-stats. */
public final class OpsBeans {

    private OpsBeans() {
    }

    public static void bind(Main main, Settings settings, Sql sql, AgentStateRepository agentState, Clock clock) {
        OpsMetrics metrics = new OpsMetrics(sql, agentState, new CopyTracking(sql, clock));
        // le nom que camel-micrometer cherche : les étapes micrometer: des routes écrivent dans ce registre
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics.registry());
        main.bind("metricsEndpoint", new MetricsEndpoint(metrics.registry()));
        main.bind("tradesCsvEndpoint", new TradesCsvEndpoint(sql, clock));
        Path dataFolder = settings.dbPath().toAbsolutePath().getParent();
        main.bind("hostStats", new HostStats(Path.of("/proc"), Path.of("/sys/class/thermal/thermal_zone0/temp"), dataFolder));
    }
}
