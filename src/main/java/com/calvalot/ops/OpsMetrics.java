package com.calvalot.ops;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.db.Sql;
import com.calvalot.metrics.Meters;
import com.calvalot.perfect.CopyTracking;

/**
 * Le registre Prometheus de l'application : compteurs du flux (via camel-micrometer et {@link Meters}),
 * jauges lues à la demande dans la base (une requête indexée par jauge et par lecture), et les
 * mesures de la JVM. Rien n'est calculé entre deux lectures : un scrape toutes les 15 s ne coûte rien.
 */
public final class OpsMetrics {

    /** Le nom du minuteur camel-micrometer de la copie d'un signal (réponse du leader → dernier ordre). */
    static final String COPY_TIMER = "calvalot.signal.copy";
    static final List<String> AGENT_STATES = List.of("running", "paused", "dead");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public OpsMetrics(Sql sql, AgentStateRepository agentState, CopyTracking tracking) {
        // un histogramme à seaux fixes (en secondes) : de 5 ms pour la boucle locale à 30 s pour une bourse lente
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(COPY_TIMER)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(millis(5), millis(15), millis(50), millis(100), millis(250), millis(500),
                                millis(1000), millis(2500), millis(5000), millis(10_000), millis(30_000))
                        .build().merge(config);
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("calvalot.portfolio.value.eur", () -> latestValueEur(sql))
                .description("Total value of the portfolio in EUR at the last snapshot").register(registry);
        // ce que copier coûte sur 30 jours : le rendement du suiveur moins celui de sa copie parfaite
        Gauge.builder("calvalot.tracking.difference.pct", () -> tracking.trackingDifferencePct(Duration.ofDays(30)))
                .description("Follower return minus perfect-copy return over the last 30 days, in percentage points")
                .register(registry);
        for (String state : AGENT_STATES) {
            Gauge.builder("calvalot.agent.state", agentState, a -> state.equals(stateOf(a)) ? 1 : 0)
                    .description("1 for the agent's current state").tag("state", state).register(registry);
        }
        // une pause de débit est rare : la série existe dès le départ, à 0, pour qu'un tableau la montre
        registry.counter("calvalot.rate.limit.pauses");
        Meters.install(registry);
    }

    /** Les seuils d'un minuteur Micrometer sont en nanosecondes. */
    private static long millis(long value) {
        return Duration.ofMillis(value).toNanos();
    }

    /** Le montant exact ; Micrometer ne le convertit qu'à l'écriture du texte Prometheus. */
    private static Number latestValueEur(Sql sql) {
        String value = sql.one("SELECT total_value_eur FROM portfolio_snapshots ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1));
        return value == null ? null : new BigDecimal(value);
    }

    static String stateOf(AgentStateRepository agentState) {
        if (agentState.isDead()) {
            return "dead";
        }
        return agentState.isPaused() ? "paused" : "running";
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
