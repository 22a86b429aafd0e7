package com.calvalot.trade;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;

/**
 * Les prix et le compte d'un signal, demandés dès que le poll le sait nouveau et valide : la bourse
 * répond pendant que la base l'enregistre, au lieu d'après. Demandés sous le verrou de trading (la
 * route le prend avant) : aucun autre signal ne peut les rendre périmés avant qu'ils servent.
 * Le chronomètre de la copie part ici.
 */
public final class FiguresAhead {

    /** Propriété d'échange posée par {@link SignalExecution#readAhead}. */
    public static final String PROPERTY = "figuresAhead";

    private final CopyTimer timer = new CopyTimer();
    private final CompletableFuture<PortfolioValue> figures;

    FiguresAhead(PortfolioValuation valuation, Executor calls) {
        this.figures = valuation.readLater(calls);
    }

    CopyTimer timer() {
        return timer;
    }

    /** Les chiffres lus ; une panne de la lecture est relevée ici, comme si elle avait eu lieu sur ce fil. */
    PortfolioValue join() {
        try {
            return figures.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
