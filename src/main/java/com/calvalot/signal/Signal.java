package com.calvalot.signal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.money.Money;

/**
 * Un signal du leader, déjà validé (voir leader-protocol.md). {@code portfolioState} est null
 * quand le signal n'en porte pas ; {@code update} est null sans demande de mise à jour.
 */
public record Signal(
        String signalId,
        int version,
        BigDecimal confidence,
        String reasoning,
        List<Action> actions,
        List<TargetPosition> portfolioState,
        UpdateRequest update) {

    /** Identifiant réservé de la synchronisation initiale (trading-rules.md). */
    public static final String INITIAL_SYNC_ID = "initial_sync";

    /** Une action v1 : BUY, SELL ou HOLD (HOLD ne fait rien). */
    public record Action(String coin, String action, BigDecimal pctOfCapital) {
    }

    /** Une part cible v2 du portefeuille du leader. */
    public record TargetPosition(String coin, BigDecimal pctOfPortfolio) {
    }

    public record UpdateRequest(boolean required, String latestVersion) {
    }

    public boolean isRebalance() {
        return version >= 2;
    }

    /**
     * Les parts visées, lues une fois pour tous (le plan, la copie parfaite, le rapport de copie) : une
     * paire nommée deux fois additionne ses parts ; des parts qui font plus de 1 en tout (le leader arrondit,
     * la validation tolère 1,05) sont ramenées à 1 dans leurs proportions, comme le suiveur réel, borné par
     * ses liquidités. Vide sans portfolio_state.
     */
    public Map<String, BigDecimal> targets() {
        Map<String, BigDecimal> targets = new LinkedHashMap<>();
        if (portfolioState == null) {
            return targets;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (TargetPosition target : portfolioState) {
            if (target.pctOfPortfolio() != null && target.pctOfPortfolio().signum() > 0) {
                targets.merge(target.coin(), target.pctOfPortfolio(), BigDecimal::add);
                sum = sum.add(target.pctOfPortfolio());
            }
        }
        if (sum.compareTo(BigDecimal.ONE) > 0) {
            BigDecimal total = sum;
            targets.replaceAll((pair, share) -> Money.ratio(share, total));
        }
        return targets;
    }

    /** Le plus d'ordres qu'une vague de ce signal peut compter : une paire par ordre. */
    public int ordersAtMost() {
        if (isRebalance()) {
            return TrackedPairs.ALL.size();
        }
        return (int) actions.stream().filter(a -> !"HOLD".equals(a.action())).map(Action::coin).distinct().count();
    }
}
