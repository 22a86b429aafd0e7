package com.calvalot.exchange;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/** Où partent les ordres : la simulation (dry run) ou Binance (live). */
public interface Exchange {

    /**
     * Place l'ordre et rend ce qui a été exécuté.
     * @throws OrderRejectedException refus définitif, rien n'a été placé
     * @throws OrderOutcomeUnknownException issue inconnue même après avoir demandé à la bourse
     */
    OrderFill place(OrderRequest order);

    /**
     * Idem ; {@code mayResend} est demandé juste avant de renvoyer un ordre dont l'envoi s'est perdu et que la
     * bourse n'a jamais reçu : faux, il ne part pas ({@link OrderNotSentException}).
     */
    default OrderFill place(OrderRequest order, BooleanSupplier mayResend) {
        return place(order);
    }

    /** Ce que la bourse a déjà sous ce client order id (reprise après un crash). */
    Optional<OrderFill> find(OrderRequest order);

    /** Le montant d'achat maximal avec ces liquidités (la simulation paie les frais en USDC en plus). */
    BigDecimal spendable(BigDecimal cash);

    /** L'USDC qu'un achat de ce montant retire des liquidités (la simulation y ajoute ses frais). */
    BigDecimal cost(BigDecimal quoteAmount);

    /** Les arrondis et refus des filtres de la bourse. */
    OrderRules rules();

    /** La commission que cette bourse prend, et comment (gardée avec chaque signal pour le conseiller de budget). */
    Commission commission();

    /**
     * Prépare, sans rien envoyer ni attendre, de quoi passer {@code orders} ordres ensemble (Binance :
     * les connexions ouvertes d'avance) ; rien à faire pour la simulation.
     */
    default void prepare(int orders, Executor calls) {
    }
}
