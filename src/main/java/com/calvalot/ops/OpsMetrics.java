package com.calvalot.ops;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
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

    /**
     * L'aide (# HELP) des séries créées sans description : par une étape de route (camel-micrometer)
     * ou d'une ligne dans le code (Meters). promtool refuse une série sans aide.
     */
    static final Map<String, String> HELP = Map.of(
            "calvalot.polls", "Poll cycles of the leader, by outcome",
            "calvalot.signals", "New signals, by outcome (a signal that waits for Binance is counted once, as executing)",
            "calvalot.orders", "Orders sent to the exchange, by side and outcome (filled, rejected, unknown)",
            "calvalot.exchange.requests", "Requests to Binance by endpoint and HTTP status (none: no answer)",
            "calvalot.rate.limit.pauses", "429 or 418 answers from Binance that paused every call",
            COPY_TIMER, "Time from the leader's answer to the signal's last order at the exchange");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public OpsMetrics(Sql sql, AgentStateRepository agentState, CopyTracking tracking) {
        // avant toute série : chaque métrique a son aide, et ses étiquettes sont en snake_case
        // (camel-micrometer ajoute camelContext, que promtool refuse : il devient camel_context)
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return lintable(id);
            }
        });
        // process_cpu_time_ns_total (Micrometer 1.15) : une unité abrégée que promtool refuse ; le temps CPU
        // reste lisible en taux par process_cpu_usage
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
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

    static Meter.Id lintable(Meter.Id id) {
        List<Tag> tags = id.getTags().stream().map(t -> Tag.of(snakeCase(t.getKey()), t.getValue())).toList();
        String description = id.getDescription() != null ? id.getDescription() : HELP.get(id.getName());
        // system_cpu_count : « _count » est réservé aux histogrammes ; le nombre de cœurs devient system_cpus
        String name = id.getName().equals("system.cpu.count") ? "system.cpus" : id.getName();
        return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), description, id.getType());
    }

    /** camelContext → camel_context ; un nom déjà en snake_case reste tel quel. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
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
