package com.calvalot.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ce qu'un soak a fait : signaux, pannes injectées par sorte, redémarrages, vérifications, violations. */
final class SoakFigures {

    final Map<String, Integer> signals = new TreeMap<>();
    final Map<String, Integer> faults = new TreeMap<>();
    final Map<String, Integer> events = new TreeMap<>();
    final List<String> violations = new ArrayList<>();
    int restarts;
    long checks;
    int orders;
    int steps;
    int runs;
    long millis;

    void signal(String kind) {
        signals.merge(kind, 1, Integer::sum);
    }

    void fault(String kind) {
        faults.merge(kind, 1, Integer::sum);
    }

    void event(String kind) {
        events.merge(kind, 1, Integer::sum);
    }

    int signalCount() {
        return signals.values().stream().mapToInt(Integer::intValue).sum();
    }

    int faultCount() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    void add(SoakFigures other) {
        other.signals.forEach((k, v) -> signals.merge(k, v, Integer::sum));
        other.faults.forEach((k, v) -> faults.merge(k, v, Integer::sum));
        other.events.forEach((k, v) -> events.merge(k, v, Integer::sum));
        violations.addAll(other.violations);
        restarts += other.restarts;
        checks += other.checks;
        orders += other.orders;
        steps += other.steps;
        runs += other.runs;
        millis += other.millis;
    }

    String summary() {
        return "runs " + runs + ", steps " + steps + ", signals " + signalCount() + " " + signals + ", exchange orders "
                + orders + ", faults " + faultCount() + " " + faults + ", restarts (kill -9) " + restarts
                + ", invariant checks " + checks + ", violations " + violations.size() + ", " + millis / 1000 + " s";
    }
}
