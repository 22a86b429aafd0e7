package com.calvalot.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Le soak long (hors de la suite normale : son nom ne finit pas par Test) : beaucoup de graines,
 * les deux modes en alternance, chaque graine jusqu'au bout même après une violation (elle est
 * notée avec sa commande de rejeu), puis les chiffres écrits dans bench/soak-results.md.
 * <pre>mvn -B -q test -Dtest=MoneySoakLongRun -Dsoak.long=true -Dsoak.seeds=16 -Dsoak.steps=250 -Dsoak.firstSeed=1</pre>
 */
class MoneySoakLongRun {

    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "soak.long", matches = "true")
    void manySeedsBothSizings() throws IOException {
        int seeds = Integer.getInteger("soak.seeds", 16);
        int steps = Integer.getInteger("soak.steps", 250);
        long first = Long.getLong("soak.firstSeed", 1L);
        Instant started = Instant.now();
        SoakFigures total = new SoakFigures();
        List<String> rows = new ArrayList<>();
        for (long seed = first; seed < first + seeds; seed++) {
            boolean budget = seed % 2 == 0;
            MoneySoak.Result result = MoneySoak.run(seed, steps, budget, Files.createDirectory(dir.resolve("seed-" + seed)));
            SoakFigures f = result.figures();
            total.add(f);
            rows.add("| " + seed + " | " + result.sizing() + " | " + f.steps + " | " + f.signalCount() + " | " + f.orders + " | "
                    + f.faultCount() + " | " + f.restarts + " | " + f.checks + " | "
                    + (result.violation() == null ? "none" : "`" + result.where() + "` " + result.violation().invariant
                            + ", replay `" + result.replay() + "`") + " |");
            System.out.println("soak " + result.sizing() + " seed " + seed + ": " + f.summary());
            // écrit après chaque graine : un long run interrompu garde ce qu'il a fait
            write(Path.of("bench", "soak-results.md"), started, seeds, steps, first, total, rows);
        }
        System.out.println("soak long run: " + total.summary());
    }

    private static void write(Path file, Instant started, int seeds, int steps, long first, SoakFigures total,
                              List<String> rows) throws IOException {
        double[] load = {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
        StringBuilder md = new StringBuilder();
        md.append("# Money soak: last long run\n\n");
        md.append("Written by `MoneySoakLongRun` (see [docs/soak.md](../docs/soak.md)); each run replaces this file.\n\n");
        md.append("- Started ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(", took ").append(total.millis / 1000)
                .append(" s; ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average at the end ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", load[0])).append(".\n");
        md.append("- Command: `mvn -B -q test -Dtest=MoneySoakLongRun -Dsoak.long=true -Dsoak.seeds=").append(seeds)
                .append(" -Dsoak.steps=").append(steps).append(" -Dsoak.firstSeed=").append(first).append("`\n");
        md.append("- Seeds ").append(first).append(" to ").append(first + seeds - 1).append(" (").append(total.runs)
                .append(" done)")
                .append(", odd seeds `LIVE_SIZING=wallet`, even seeds `LIVE_SIZING=budget`.\n\n");
        md.append("## Totals\n\n");
        md.append("| figure | value |\n| --- | --- |\n");
        md.append("| seeds run | ").append(total.runs).append(" |\n");
        md.append("| steps (events) | ").append(total.steps).append(" |\n");
        md.append("| signals published | ").append(total.signalCount()).append(" ").append(total.signals).append(" |\n");
        md.append("| orders executed by the exchange | ").append(total.orders).append(" |\n");
        md.append("| faults injected | ").append(total.faultCount()).append(" |\n");
        md.append("| restarts (kill -9) | ").append(total.restarts).append(" |\n");
        md.append("| invariant checks | ").append(total.checks).append(" |\n");
        md.append("| violations | ").append(total.violations.size()).append(" |\n\n");
        md.append("## Faults by kind\n\n| kind | count |\n| --- | --- |\n");
        total.faults.forEach((kind, count) -> md.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
        md.append("\n## Per seed\n\n| seed | sizing | steps | signals | orders | faults | restarts | checks | violation |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(row -> md.append(row).append('\n'));
        if (!total.violations.isEmpty()) {
            md.append("\n## Violations\n\n");
            total.violations.forEach(v -> md.append("- ").append(v.replace("\n", " ")).append('\n'));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }
}
