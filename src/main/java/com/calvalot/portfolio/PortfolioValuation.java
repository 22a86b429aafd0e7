package com.calvalot.portfolio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.MarketSnapshot;

/** Calcule la valeur du portefeuille (dry run : le registre local ; live : les soldes Binance). */
public interface PortfolioValuation {

    /** Aux prix du cache (pour l'API : ne doit jamais échouer parce que la bourse est injoignable). */
    PortfolioValue current();

    /** Aux prix donnés (le flux de trading lit les prix une fois au début d'un signal). */
    PortfolioValue valueAt(MarketSnapshot market);

    /** Prix et soldes lus maintenant, en parallèle en live (le début d'un signal, sa reprise). */
    PortfolioValue readNow();

    /** Idem sans attendre : la lecture part maintenant (le poll la lance dès qu'un signal est reconnu nouveau). */
    default CompletableFuture<PortfolioValue> readLater(Executor calls) {
        return CompletableFuture.supplyAsync(this::readNow, calls);
    }

    /** Ce qu'un ordre a exécuté, appliqué aux soldes connus sans relire le compte (live). */
    default void afterFill(String pair, Side side, OrderFill fill) {
    }

    /**
     * Une vague d'ordres part : jusqu'à {@link #ordersAnswered()}, une lecture du compte peut déjà
     * contenir une exécution dont la réponse n'est pas encore appliquée (live) ; elle ne remplace
     * alors pas les soldes connus, sinon cette exécution serait comptée deux fois.
     */
    default void ordersSent() {
    }

    /** Les réponses de la vague sont appliquées (ou l'issue d'un ordre est inconnue). */
    default void ordersAnswered() {
    }

    /**
     * Le registre vient d'écrire des exécutions retrouvées à la bourse (réponse perdue, enregistrement
     * tardif) : les soldes connus les contiennent peut-être, peut-être pas (lus avant qu'elles aient
     * lieu). Ils ne servent plus : la prochaine valeur relit le compte (live).
     */
    default void forgetBalances() {
    }
}
