package com.calvalot.soak;

import java.math.BigDecimal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeLeader;
import com.calvalot.support.FakeSpotAccount;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SmallDisk;

/**
 * Le monde d'un soak : les doublures du leader et de Binance (dans la JVM du test, sur 127.0.0.1),
 * le suiveur dans sa JVM fille, sa base lue à part, et ce que l'utilisateur possède à côté.
 */
final class SoakWorld implements AutoCloseable {

    static final String KEY = "soak-api-key-0123456789";
    static final String SECRET = "soak-api-secret-9876543210";
    static final String SIGNAL_SECRET = "soak-signal-secret";
    static final List<String> PAIRS = List.of("BTCUSDC", "ETHUSDC", "BNBUSDC", "SOLUSDC", "XRPUSDC");
    static final BigDecimal EURUSDC = new BigDecimal("1.08");
    static final BigDecimal INITIAL_BUDGET_EUR = new BigDecimal("300");

    /**
     * Ce que l'utilisateur garde à côté du suiveur (budget) : le soak le tient à jour à chaque dépôt
     * ou retrait de l'utilisateur ; et, en portefeuille entier, ce qu'il a retiré (un manque que le
     * registre ne suit qu'après 10 minutes).
     */
    static final class User {
        private final Map<String, BigDecimal> own = new HashMap<>();
        private final Map<String, BigDecimal> withdrawn = new HashMap<>();
        private BigDecimal followerDepositsUsdc = BigDecimal.ZERO;

        BigDecimal own(String asset) {
            return own.getOrDefault(asset, BigDecimal.ZERO);
        }

        void add(String asset, BigDecimal amount) {
            own.merge(asset, amount, BigDecimal::add);
            if (amount.signum() < 0) {
                withdrawn.merge(asset, amount.negate(), BigDecimal::add);
            }
        }

        BigDecimal withdrawn(String asset) {
            return withdrawn.getOrDefault(asset, BigDecimal.ZERO);
        }

        /** L'USDC du suiveur : son budget de départ et les dépôts faits pour lui (budget). */
        BigDecimal followerDepositsUsdc() {
            return followerDepositsUsdc;
        }

        void followerDeposit(BigDecimal usdc) {
            followerDepositsUsdc = followerDepositsUsdc.add(usdc);
        }
    }

    final FakeLeader leader = new FakeLeader(SIGNAL_SECRET);
    final FakeBinance binance = new FakeBinance();
    final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    final boolean budgetSizing;
    final int maxDelaySeconds = 10;
    final SoakFollower follower;
    final SoakDb db;
    /** La base du suiveur sur un petit tmpfs que le soak peut remplir ; null sans les droits de root (monter). */
    final SmallDisk disk;
    private final Path dbFile;
    private volatile boolean diskFull;
    final User user = new User();
    final List<String> hostileIds = new ArrayList<>();
    final Map<String, BigDecimal> initialPrices = new HashMap<>();
    private BigDecimal bnbLow;
    private BigDecimal bnbHigh;

    /** {@code smallDisk} : la base sur un petit tmpfs que le soak peut remplir (s'il peut le monter). */
    SoakWorld(Path dir, boolean budgetSizing, boolean smallDisk) {
        this.budgetSizing = budgetSizing;
        for (String pair : PAIRS) {
            initialPrices.put(pair, binance.price(pair));
        }
        bnbLow = binance.price("BNBUSDC");
        bnbHigh = bnbLow;
        this.disk = smallDisk ? SmallDisk.mount(dir.resolve("data"), 64) : null;
        Map<String, String> env = RunningApp.env(disk == null ? dir : disk.path());
        env.put("BINANCE_BASE_URL", binance.baseUrl());
        env.put("TRADING_MODE", "live");
        env.put("BINANCE_API_KEY", KEY);
        env.put("BINANCE_API_SECRET", SECRET);
        // sans « / » final (voir CrashResumeTest : la variable brute remplace la propriété normalisée)
        env.put("LEADER_URL", leader.url());
        env.put("SIGNAL_SECRET", SIGNAL_SECRET);
        env.put("POLL_INTERVAL_SECONDS", "3600");
        env.put("SIGNAL_MAX_DELAY_SECONDS", String.valueOf(maxDelaySeconds));
        env.put("INITIAL_BUDGET_EUR", INITIAL_BUDGET_EUR.toPlainString());
        env.put("LIVE_SIZING", budgetSizing ? "budget" : "wallet");
        this.follower = new SoakFollower(env, dir, this::diskFull);
        this.dbFile = Path.of(env.get("DB_PATH"));
        this.db = new SoakDb(dbFile);
        BigDecimal budgetUsdc = INITIAL_BUDGET_EUR.multiply(EURUSDC);
        if (budgetSizing) {
            // l'utilisateur garde 1000 USDC et des pièces à lui ; le budget du suiveur est déposé à côté
            holdOwn("USDC", "1000");
            holdOwn("BTC", "0.01");
            holdOwn("ETH", "0.2");
            holdOwn("BNB", "2");
            holdOwn("SOL", "3");
            account.transfer("USDC", budgetUsdc.toPlainString());
            user.followerDeposit(budgetUsdc);
        } else {
            // un compte dédié : tout ce qu'il détient est au suiveur
            account.setBalance("USDC", "1000");
            account.setBalance("BNB", "2");
            account.setBalance("ETH", "0.1");
        }
    }

    private void holdOwn(String asset, String amount) {
        account.setBalance(asset, amount);
        user.add(asset, new BigDecimal(amount));
    }

    void setPrice(String pair, BigDecimal price) {
        binance.setPrice(pair, price.toPlainString());
        if (pair.equals("BNBUSDC")) {
            bnbLow = bnbLow.min(price);
            bnbHigh = bnbHigh.max(price);
        }
    }

    /** L'écart entre le plus haut et le plus bas cours BNB vus (la valorisation d'une commission en BNB). */
    BigDecimal bnbPriceRange() {
        return bnbHigh.subtract(bnbLow);
    }

    boolean diskFull() {
        return diskFull;
    }

    /**
     * Le disque de la base plein : le WAL d'abord vidé dans la base (la prochaine transaction doit
     * agrandir un fichier, comme sur une carte pleine), puis plus un octet de libre.
     */
    void fillDisk() {
        // « busy » est une ligne de résultat (1), pas une exception : quelques essais, le suiveur écrit peut-être
        for (int attempt = 0; attempt < 20 && !checkpointed(); attempt++) {
            MoneySoak.sleep(50);
        }
        diskFull = true;
        disk.fill();
    }

    private boolean checkpointed() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return result.next() && result.getInt(1) == 0;
        } catch (SQLException busy) {
            return false;
        }
    }

    void freeDisk() {
        disk.free();
        diskFull = false;
    }

    @Override
    public void close() {
        follower.close();
        account.releaseHeld();
        leader.close();
        binance.close();
        if (disk != null) {
            // la base vit sur le petit disque, démonté ici : une copie reste à côté des journaux (-Dsoak.dir)
            keepDatabase();
            disk.close();
        }
    }

    private void keepDatabase() {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = dbFile.resolveSibling(dbFile.getFileName() + suffix);
            try {
                if (Files.exists(file)) {
                    Files.copy(file, disk.path().getParent().resolve(file.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // une copie pour le diagnostic seulement
            }
        }
    }
}
