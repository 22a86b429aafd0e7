package com.calvalot.trade;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.signal.Signal;
import com.calvalot.signal.SignalRepository;
import com.calvalot.signal.SignalStatus;

/**
 * La politique d'erreur du flux de trading (routeConfiguration {@code trade-errors}) : une ligne de
 * log avec la raison, jamais une pile ; l'état écrit (un signal jamais planifié finit « error », un
 * signal en cours reste « executing » avec la raison et il est repris par le minuteur de reprise
 * dans quelques secondes).
 */
public class TradeErrorRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(TradeErrorRecorder.class);

    private final SignalRepository signals;
    private final SignalLifecycle lifecycle;
    private final Duration retryDelay;

    public TradeErrorRecorder(SignalRepository signals, SignalLifecycle lifecycle, Duration retryDelay) {
        this.signals = signals;
        this.lifecycle = lifecycle;
        this.retryDelay = retryDelay;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(cause);
        SignalRun run = exchange.getProperty("signalRun", SignalRun.class);
        String signalId = run != null ? run.signalId() : signalId(exchange.getMessage().getBody());
        if (run != null) {
            run.waitFor(reason);
        }
        try {
            record(exchange, signalId, reason);
        } catch (RuntimeException unwritable) {
            // la base refuse l'écriture (disque plein) : le signal garde son état écrit, ses intentions
            // « sending » disent quoi demander à la bourse quand l'écriture repasse
            LOG.warn("Signal {} interrupted: {}; its state could not be written either ({})", signalId, reason,
                    unwritable.getMessage());
        }
    }

    private void record(Exchange exchange, String signalId, String reason) {
        SignalStatus status = signalId == null ? null : signals.status(signalId);
        if (status == SignalStatus.RECEIVED) {
            lifecycle.finish(signalId, SignalStatus.ERROR, "not executed: " + reason);
            LOG.warn("Signal {} not executed: {}", signalId, reason);
            exchange.getMessage().setHeader("signalOutcome", SignalStatus.ERROR.wireName());
        } else if (status == SignalStatus.EXECUTING) {
            lifecycle.noteWaiting(signalId, "interrupted: " + reason);
            LOG.warn("Signal {} interrupted: {}; retried within {} s", signalId, reason, Math.max(1, retryDelay.toSeconds()));
            exchange.getMessage().setHeader("signalOutcome", SignalStatus.EXECUTING.wireName());
        } else {
            // un signal déjà terminé (l'instantané a échoué, par exemple) : son issue ne change pas
            LOG.warn("Trading flow failed: {}", reason);
        }
    }

    private static String signalId(Object body) {
        if (body instanceof Signal signal) {
            return signal.signalId();
        }
        return body instanceof String id ? id : null;
    }

    private static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
