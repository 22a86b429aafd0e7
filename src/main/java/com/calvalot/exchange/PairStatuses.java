package com.calvalot.exchange;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Les paires suivies que Binance ne laisse pas trader en ce moment : une paire dont le statut dans
 * exchangeInfo n'est pas {@code TRADING} (BREAK, HALT…), ou que Binance ne connaît plus ({@code -1121}).
 * Ses ordres sont écartés avec la raison dite ici ; les autres paires tradent comme d'habitude. Une
 * paire redevient tradable d'elle-même dès que Binance la cote de nouveau. Tenu par les filtres
 * (exchangeInfo) et les prix (le ticker) ; lu par les règles d'ordres, l'état de l'agent et les alertes.
 */
public final class PairStatuses {

    private static final Logger LOG = LoggerFactory.getLogger(PairStatuses.class);
    private static final String TRADING = "TRADING";

    private final Map<String, String> untradeable = new ConcurrentHashMap<>();

    /** Le statut que publie exchangeInfo pour cette paire. */
    public void listed(String pair, String status) {
        if (status == null || status.isEmpty() || status.equals(TRADING)) {
            tradeable(pair);
        } else {
            mark(pair, pair + " is not trading on Binance (status " + status + ")");
        }
    }

    /** Binance ne connaît plus cette paire (-1121 Invalid symbol). */
    public void unknown(String pair) {
        mark(pair, pair + " is no longer listed on Binance (Invalid symbol)");
    }

    /** Binance a servi la paire normalement (un cours, un statut TRADING). */
    public void tradeable(String pair) {
        if (untradeable.remove(pair) != null) {
            LOG.info("{} is tradeable again on Binance", pair);
        }
    }

    /** Vrai si Binance ne connaît plus la paire (son cours ne peut plus être lu). */
    public boolean unknownToBinance(String pair) {
        String reason = untradeable.get(pair);
        return reason != null && reason.endsWith("(Invalid symbol)");
    }

    /** Pourquoi cette paire ne peut pas être tradée maintenant, ou null. */
    public String reason(String pair) {
        return untradeable.get(pair);
    }

    /** Les paires intradables et leur raison, dans l'ordre alphabétique. */
    public Map<String, String> all() {
        return new TreeMap<>(untradeable);
    }

    private void mark(String pair, String reason) {
        if (!reason.equals(untradeable.put(pair, reason))) {
            LOG.warn("{}: its orders are skipped, the other pairs trade as usual", reason);
        }
    }
}
