package com.calvalot.trade;

/**
 * Où passe le temps d'un signal (lecture des prix et du compte, plan, vague de ventes, vague
 * d'achats), écrit en une ligne de log à la fin : de quoi mesurer sans profileur.
 */
final class CopyTimer {

    private final long start = System.nanoTime();
    private final StringBuilder steps = new StringBuilder();
    private long last = start;

    void mark(String step) {
        long now = System.nanoTime();
        steps.append(steps.length() == 0 ? "" : ", ").append(step).append(' ').append(millis(now - last)).append(" ms");
        last = now;
    }

    /** « 12.3 ms (figures 4.1 ms, plan 0.8 ms, …) » ; vide si rien n'a été mesuré. */
    String summary() {
        return steps.length() == 0 ? "" : millis(last - start) + " ms (" + steps + ")";
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + "." + (nanos / 100_000) % 10;
    }
}
