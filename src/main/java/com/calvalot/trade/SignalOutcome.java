package com.calvalot.trade;

import java.util.ArrayList;
import java.util.List;

import com.calvalot.signal.SignalStatus;

/**
 * L'issue d'un signal, lue dans ses intentions (trading-rules.md) : error si un ordre a échoué ou
 * reste d'issue inconnue, executed s'il y a au moins un trade ou rien à faire, skipped si tout a été écarté.
 * Dépassé par un signal plus récent (ses ordres non envoyés abandonnés « superseded by … ») : partial s'il
 * a exécuté quelque chose, skipped sinon ; rien d'abandonné, son issue reste celle de ses ordres.
 * Dans un rééquilibrage, une paire laissée de côté par EXCLUDE_COINS ne fait pas l'issue : un suiveur
 * déjà à ses cibles est executed (l'écart reste dit dans le message et le rapport de copie).
 */
record SignalOutcome(SignalStatus status, String message) {

    static SignalOutcome of(List<OrderIntent> intents, boolean rebalance) {
        List<String> errors = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        List<String> superseded = new ArrayList<>();
        for (OrderIntent intent : intents) {
            if (intent.status().equals(OrderIntent.ABANDONED) && intent.reason() != null
                    && intent.reason().startsWith(SignalLifecycle.SUPERSEDED)) {
                superseded.add(intent.pair() + " " + intent.side() + " not sent: " + intent.reason());
                continue;
            }
            if (rebalance && intent.excludedByUser()) {
                limited.add(intent.reason());
                continue;
            }
            switch (intent.status()) {
                case OrderIntent.REJECTED, OrderIntent.ABANDONED -> errors.add(intent.reason());
                case OrderIntent.SENDING, OrderIntent.PLANNED -> errors.add(intent.pair() + " " + intent.side()
                        + ": outcome unknown" + (intent.reason() == null ? "" : " (" + intent.reason() + ")"));
                case OrderIntent.SKIPPED, OrderIntent.EXPIRED -> skipped.add(intent.reason());
                default -> {
                    // exécuté : une limite de risque qui l'a coupé reste dite dans le message
                    if (intent.reason() != null) {
                        limited.add(intent.reason());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return new SignalOutcome(SignalStatus.ERROR, String.join("; ", errors.stream().distinct().toList()));
        }
        if (!superseded.isEmpty()) {
            superseded.addAll(skipped);
            superseded.addAll(limited);
            return new SignalOutcome(filled(intents) > 0 ? SignalStatus.PARTIAL : SignalStatus.SKIPPED,
                    String.join("; ", superseded));
        }
        if (filled(intents) > 0 || skipped.isEmpty()) {
            skipped.addAll(limited);
            return new SignalOutcome(SignalStatus.EXECUTED, skipped.isEmpty() ? null : String.join("; ", skipped));
        }
        return new SignalOutcome(SignalStatus.SKIPPED, String.join("; ", skipped));
    }

    static int filled(List<OrderIntent> intents) {
        return (int) intents.stream().filter(i -> i.status().equals(OrderIntent.FILLED)).count();
    }
}
