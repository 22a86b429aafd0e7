package com.calvalot.leader;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.api.ApiException;
import com.calvalot.api.JsonResponses;

/**
 * Un seul cycle de poll à la fois, qu'il vienne du minuteur ou de {@code POST /api/agent/poll}.
 * Un tic du minuteur qui trouve un cycle en cours est sauté (et compté) ; une demande manuelle
 * attend la fin du cycle en cours puis lance le sien (jamais deux à la fois), 60 s au plus en tout,
 * et répond l'issue de SON cycle.
 */
public class PollCycles {

    static final long MANUAL_WAIT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(PollCycles.class);

    private final AgentStateRepository agentState;
    private final PollRecorder recorder;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "poll-cycle");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong skippedTicks = new AtomicLong();
    private final Clock clock;
    private CompletableFuture<PollOutcome> current = CompletableFuture.completedFuture(null);
    private ProducerTemplate producer;
    private volatile Instant lastTick;

    public PollCycles(AgentStateRepository agentState, PollRecorder recorder, Clock clock) {
        this.agentState = agentState;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Le dernier tic du minuteur (null avant le premier) : le suivant part un intervalle plus tard (le
     * minuteur compte l'intervalle depuis le début du tic précédent ; un cycle plus long le retarde).
     */
    public Instant lastTick() {
        return lastTick;
    }

    /** Appelé par le minuteur : lance un cycle et l'attend, ou saute le tic si un cycle tourne. */
    public void onTick(Exchange tick) throws InterruptedException {
        lastTick = clock.instant();
        CompletableFuture<PollOutcome> started = startIfIdle(tick.getContext());
        if (started == null) {
            long skipped = skippedTicks.incrementAndGet();
            LOG.info("Poll tick skipped: the previous cycle is still running ({} skipped so far)", skipped);
            return;
        }
        try {
            started.get();
        } catch (ExecutionException e) {
            LOG.warn("Poll cycle failed: {}", e.getCause().getClass().getSimpleName());
        }
    }

    /** POST /api/agent/poll : un cycle maintenant (après celui en cours, s'il y en a un), puis son issue. */
    public void pollNow(Exchange exchange) throws InterruptedException {
        if (agentState.isDead()) {
            throw ApiException.conflict("the agent is dead: it never polls again");
        }
        if (agentState.isPaused()) {
            throw ApiException.conflict("the agent is paused: resume it first");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MANUAL_WAIT_SECONDS);
        PollOutcome outcome;
        try {
            CompletableFuture<PollOutcome> cycle = startAfterRunning(exchange.getContext(), deadline);
            outcome = cycle.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, "the poll cycle is still running after " + MANUAL_WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            outcome = PollOutcome.failed("error", "poll cycle failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
        // l'issue du cycle attendu, pas le last_poll du moment (un cycle précédent, ou rien d'écrit)
        JsonResponses.write(exchange, 200, outcome.toJson());
    }

    /**
     * Un cycle parti APRÈS la demande : celui du minuteur en cours a pu lire le leader avant elle
     * (un signal publié entre-temps lui échapperait). On attend sa fin, puis on lance le nôtre.
     */
    private CompletableFuture<PollOutcome> startAfterRunning(CamelContext context, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            CompletableFuture<PollOutcome> started = startIfIdle(context);
            if (started != null) {
                return started;
            }
            try {
                running().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException ignored) {
                // l'échec du cycle précédent est déjà enregistré par lui ; le nôtre part quand même
            }
        }
    }

    public long skippedTicks() {
        return skippedTicks.get();
    }

    private synchronized CompletableFuture<PollOutcome> startIfIdle(CamelContext context) {
        if (!current.isDone()) {
            return null;
        }
        ProducerTemplate template = producer(context);
        current = CompletableFuture.supplyAsync(() -> recorded(template.send("direct:poll-cycle", e -> { })), worker);
        return current;
    }

    /**
     * L'issue du cycle, toujours enregistrée : une panne traitée dans une sous-route (poll-errors,
     * trade-errors) arrête le cycle avant pollRecorder.record, et last_poll garderait sinon l'issue d'avant.
     */
    private PollOutcome recorded(Exchange cycle) {
        PollOutcome outcome = outcomeOf(cycle);
        if (!cycle.getProperty(PollRecorder.RECORDED, false, Boolean.class)) {
            try {
                cycle.setProperty(PollOutcome.PROPERTY, outcome);
                recorder.record(cycle);
            } catch (RuntimeException e) {
                LOG.warn("The poll outcome could not be recorded: {}", PollFailures.reason(e));
            }
        }
        return outcome;
    }

    /** L'issue posée par le cycle ; une exception qui aurait échappé à poll-errors reste une issue error. */
    private static PollOutcome outcomeOf(Exchange cycle) {
        PollOutcome outcome = cycle.getProperty(PollOutcome.PROPERTY, PollOutcome.class);
        if (cycle.getException() != null || outcome == null) {
            return PollOutcome.failed("error", "poll cycle failed ("
                    + (cycle.getException() == null ? "no outcome" : cycle.getException().getClass().getSimpleName()) + ")");
        }
        return outcome;
    }

    private synchronized CompletableFuture<PollOutcome> running() {
        return current;
    }

    private synchronized ProducerTemplate producer(CamelContext context) {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    /** Camel arrêté (plus de cycle en vol) : le fil s'arrête, sans interrompre quoi que ce soit. */
    public void shutdown() {
        worker.shutdown();
    }
}
