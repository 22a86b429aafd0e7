package com.calvalot.advisor;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.calvalot.signal.TrackedPairs;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SignalDriver;
import com.calvalot.trade.BudgetReplay;
import com.calvalot.trade.TradingBeans;

/**
 * Le banc du conseiller de budget (bench/advisor.sh) : un mois de signaux (300, v1 et v2, prix en marche
 * aléatoire, un dépôt tous les 100) copiés par la vraie route de trading en dry run, puis le rejeu à 7
 * budgets (les 6 du tableau de bord et celui du suiveur) : le premier (code froid), la médiane et le pire de
 * 20 suivants, les octets alloués par un rejeu, le tas gardé par sa réponse ; puis GET /api/copy/advisor, à
 * froid et gardé. Écrit ses lignes Markdown dans le fichier donné.
 *
 *   java -cp <classpath des tests> com.calvalot.advisor.AdvisorBench <fichier.md>
 */
public final class AdvisorBench {

    static final int SIGNALS = 300;
    static final int RUNS = Integer.getInteger("advisor.runs", 20);

    private AdvisorBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("advisor-bench");
        FakeBinance binance = new FakeBinance();
        Map<String, String> env = RunningApp.env(dir);
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        // 1200 EUR : le budget du suiveur, une septième ligne à côté des six du tableau de bord
        env.put("INITIAL_BUDGET_EUR", "1200");
        env.put("POLL_INTERVAL_SECONDS", "3600");
        try (RunningApp app = RunningApp.start(env)) {
            SignalDriver driver = new SignalDriver(app, dir.resolve("calvalot.db"));
            Random random = new Random(39);
            for (int i = 0; i < SIGNALS; i++) {
                walk(binance, random);
                driver.execute(i % 2 == 0 ? rebalance(i, random) : actions(i, random));
                if (i % 100 == 99) {
                    app.send("POST", "/api/budget/deposit", "{\"amount_eur\": 100}");
                }
            }
            Instant since = Instant.now().minus(Duration.ofDays(30));
            BudgetReplay replay = TradingBeans.budgetReplay(app.settings(), app.sql());
            List<BigDecimal> budgets = BudgetAdvisor.DEFAULT_BUDGETS;
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

            long start = System.nanoTime();
            BudgetReplay.Outcome outcome = replay.replay(since, budgets);
            double cold = (System.nanoTime() - start) / 1e6;
            List<Double> warm = new ArrayList<>();
            long allocated = 0;
            for (int i = 0; i < RUNS; i++) {
                long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                start = System.nanoTime();
                replay.replay(since, budgets);
                warm.add((System.nanoTime() - start) / 1e6);
                allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes;
            }
            Collections.sort(warm);
            long before = usedAfterGc();
            BudgetReplay.Outcome kept = replay.replay(since, budgets);
            long retained = usedAfterGc() - before;

            start = System.nanoTime();
            HttpResponse<String> first = app.get("/api/copy/advisor");
            double httpCold = (System.nanoTime() - start) / 1e6;
            List<Double> cached = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                start = System.nanoTime();
                app.get("/api/copy/advisor");
                cached.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(cached);

            List<String> lines = new ArrayList<>();
            lines.add("| " + outcome.signalsReplayed() + " signals × " + outcome.rows().size()
                    + " budgets (25 to 1000 EUR and the follower's own 1200), first replay after start (cold code) | "
                    + ms(cold) + " |");
            lines.add("| the same, median / worst of " + RUNS + " more | " + ms(warm.get(RUNS / 2)) + " / "
                    + ms(warm.get(RUNS - 1)) + " |");
            lines.add("| bytes allocated by one replay (short-lived) | " + mib(allocated) + " |");
            lines.add("| heap kept by its answer | " + (retained < 104_858 ? "under 0.1 MiB" : mib(retained)) + " |");
            lines.add("| `GET /api/copy/advisor`, first (computed) / median of 100 while kept | " + ms(httpCold) + " / "
                    + ms(cached.get(50)) + " |");
            lines.add("");
            lines.add("HTTP " + first.statusCode() + ", " + kept.rows().size() + " rows; faithful from "
                    + BudgetAdvisor.faithfulFrom(kept.rows()) + " EUR.");
            Files.write(Path.of(args[0]), lines);
            lines.forEach(System.out::println);
        } finally {
            binance.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String ms(double millis) {
        return BigDecimal.valueOf(millis).setScale(1, RoundingMode.HALF_UP) + " ms";
    }

    private static String mib(long bytes) {
        return BigDecimal.valueOf(bytes / 1048576.0).setScale(1, RoundingMode.HALF_UP) + " MiB";
    }

    /** Chaque paire bouge d'au plus ±1 % entre deux signaux. */
    private static void walk(FakeBinance binance, Random random) {
        for (String pair : TrackedPairs.ALL) {
            BigDecimal move = BigDecimal.ONE.add(BigDecimal.valueOf(random.nextInt(201) - 100, 4));
            binance.setPrice(pair, binance.price(pair).multiply(move).setScale(8, RoundingMode.HALF_EVEN).toPlainString());
        }
    }

    /** Deux à cinq paires, au plus 90 % investis. */
    private static com.calvalot.signal.Signal rebalance(int n, Random random) {
        List<String> pairs = new ArrayList<>(TrackedPairs.ALL);
        Collections.shuffle(pairs, random);
        int count = 2 + random.nextInt(4);
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            targets.add(pairs.get(i));
            targets.add(BigDecimal.valueOf(90 / count - random.nextInt(5), 2).toPlainString());
        }
        return SignalDriver.v2("bench-" + n, targets.toArray(String[]::new));
    }

    /** Une à trois actions de 2 à 10 % du capital. */
    private static com.calvalot.signal.Signal actions(int n, Random random) {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            actions.add(TrackedPairs.ALL.get(random.nextInt(TrackedPairs.ALL.size())));
            actions.add(random.nextBoolean() ? "BUY" : "SELL");
            actions.add(BigDecimal.valueOf(2 + random.nextInt(9), 2).toPlainString());
        }
        return SignalDriver.v1("bench-" + n, actions.toArray(String[]::new));
    }
}
