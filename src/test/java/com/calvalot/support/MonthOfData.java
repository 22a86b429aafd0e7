package com.calvalot.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import com.calvalot.AppVersion;
import com.calvalot.budget.BudgetInitializer;
import com.calvalot.config.Settings;
import com.calvalot.db.Database;
import com.calvalot.time.Timestamps;

/**
 * Un mois de suivi, écrit vite (une transaction) : un instantané toutes les 2 minutes (21 600),
 * un signal exécuté toutes les 2 h 24 (300) avec 10 trades chacun (3 000), 5 positions ouvertes.
 * Les trades achètent puis revendent la même quantité : le cash reste positif et exact.
 * Pour le banc : {@code java -cp <classpath des tests> com.calvalot.support.MonthOfData <db> [now]
 * [--no-snapshots]}. Avec {@code --raw-snapshots}, seuls les 21 600 instantanés sont ajoutés à une base
 * qu'un suiveur sert déjà : il les lit bruts, sans l'éclaircissement du démarrage (le pire cas : un poll
 * toutes les 8 s pendant 2 jours en garde autant). Avec {@code --trickle <s>}, un instantané par seconde
 * pendant s secondes (un poll rapide, qui rend périmées les réponses gardées en cache).
 */
public final class MonthOfData {

    public static final int SNAPSHOTS = 21_600;
    public static final int SIGNALS = 300;
    public static final int TRADES_PER_SIGNAL = 10;
    static final String[] PAIRS = {"BTCUSDC", "ETHUSDC", "BNBUSDC", "SOLUSDC", "XRPUSDC"};
    static final String[] PRICES = {"97000.1", "3500.55", "650.3", "180.12", "2.3456"};

    private MonthOfData() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[1].equals("--trickle")) {
            trickle(Path.of(args[0]), Integer.parseInt(args[2]));
            return;
        }
        String option = args.length > 1 && args[args.length - 1].startsWith("--") ? args[args.length - 1] : "";
        int given = option.isEmpty() ? args.length : args.length - 1;
        Instant now = given > 1 ? Instant.parse(args[1]) : Instant.now();
        if (option.equals("--raw-snapshots")) {
            appendSnapshots(Path.of(args[0]), now);
            System.out.println(SNAPSHOTS + " raw snapshots added to " + args[0]);
            return;
        }
        fill(Path.of(args[0]), now, !option.equals("--no-snapshots"));
        System.out.println("month of data written to " + args[0]);
    }

    /**
     * Un instantané par seconde pendant {@code seconds} s, comme un suiveur qui poll vite : chaque
     * réponse de l'historique en cache est alors à recalculer (le banc, pendant sa charge).
     */
    public static void trickle(Path db, int seconds) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO portfolio_snapshots "
                     + "(total_value_eur, portfolio_value_usdt, cash_usdt, created_at) VALUES ('1000.5', '600.5', '469.12345678', ?)")) {
            connection.createStatement().execute("PRAGMA busy_timeout = 10000");
            for (int i = 0; i < seconds; i++) {
                insert.setString(1, Timestamps.format(Instant.now()));
                insert.executeUpdate();
                Thread.sleep(1000);
            }
        }
    }

    /** Les instantanés seuls, par une connexion à part, dans une base existante (un suiveur peut la servir). */
    public static void appendSnapshots(Path db, Instant now) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            connection.createStatement().execute("PRAGMA busy_timeout = 10000");
            connection.setAutoCommit(false);
            snapshots(connection, now);
            connection.commit();
        }
    }

    /** Crée la base (schéma et budget de 1000 EUR) et y écrit le mois qui finit à {@code now}. */
    public static void fill(Path db, Instant now) throws SQLException {
        fill(db, now, true);
    }

    /** Sans instantanés ({@code --no-snapshots}) : le banc les ajoute bruts une fois le suiveur démarré. */
    public static void fill(Path db, Instant now, boolean withSnapshots) throws SQLException {
        Settings settings = Settings.from(Map.of("DB_PATH", db.toString(), "INITIAL_BUDGET_EUR", "1000"), AppVersion.project());
        DataSource dataSource = Database.open(db);
        BudgetInitializer.ensure(dataSource, settings, Clock.fixed(now.minus(Duration.ofDays(30)), java.time.ZoneOffset.UTC));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.createStatement().executeUpdate("UPDATE deposits SET eurusdc_rate = '1.08', amount_usdt = '1080.00000000'");
            if (withSnapshots) {
                snapshots(connection, now);
            }
            signalsAndTrades(connection, now);
            connection.commit();
        }
    }

    private static void snapshots(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO portfolio_snapshots "
                + "(total_value_eur, portfolio_value_usdt, cash_usdt, created_at) VALUES (?, ?, ?, ?)")) {
            for (int i = SNAPSHOTS - 1; i >= 0; i--) {
                BigDecimal wave = BigDecimal.valueOf((i * 7919L) % 5000, 2);
                insert.setString(1, new BigDecimal("990").add(wave).toPlainString());
                insert.setString(2, new BigDecimal("600").add(wave).toPlainString());
                insert.setString(3, "469.12345678");
                insert.setString(4, Timestamps.format(now.minus(Duration.ofMinutes(2L * i))));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void signalsAndTrades(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement signal = connection.prepareStatement("INSERT INTO signals (signal_id, version, confidence, "
                + "reasoning, actions, portfolio_state, status, received_at, executed_at) VALUES (?, 2, '0.72', ?, '[]', ?, "
                + "'executed', ?, ?)");
             PreparedStatement trade = connection.prepareStatement("INSERT INTO trades (signal_id, client_order_id, coin, "
                + "action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
            for (int s = 0; s < SIGNALS; s++) {
                Instant at = now.minus(Duration.ofMinutes(144L * (SIGNALS - s)));
                String id = "month-" + s;
                signal.setString(1, id);
                signal.setString(2, "Rebalance " + s + ": momentum and volatility as of " + Timestamps.format(at));
                signal.setString(3, "{\"BTCUSDC\": 0.3, \"ETHUSDC\": 0.2, \"BNBUSDC\": 0.1, \"SOLUSDC\": 0.1, \"XRPUSDC\": 0.1, \"USDC\": 0.2}");
                signal.setString(4, Timestamps.format(at));
                signal.setString(5, Timestamps.format(at.plusSeconds(1)));
                signal.addBatch();
                for (int t = 0; t < TRADES_PER_SIGNAL; t++) {
                    int pair = t % PAIRS.length;
                    boolean buy = t < PAIRS.length;
                    BigDecimal price = new BigDecimal(PRICES[pair]);
                    BigDecimal quantity = new BigDecimal("20").divide(price, 8, RoundingMode.DOWN);
                    BigDecimal amount = quantity.multiply(price).setScale(8, RoundingMode.DOWN);
                    trade.setString(1, id);
                    trade.setString(2, id + "-" + t);
                    trade.setString(3, PAIRS[pair]);
                    trade.setString(4, buy ? "BUY" : "SELL");
                    trade.setString(5, amount.toPlainString());
                    trade.setString(6, price.toPlainString());
                    trade.setString(7, quantity.toPlainString());
                    trade.setString(8, amount.movePointLeft(3).setScale(8, RoundingMode.HALF_UP).toPlainString());
                    trade.setString(9, Timestamps.format(at.plusMillis(100L * t)));
                    trade.addBatch();
                }
            }
            signal.executeBatch();
            trade.executeBatch();
        }
        try (PreparedStatement position = connection.prepareStatement("INSERT INTO positions (coin, quantity, avg_entry_price, "
                + "total_invested_usdt, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int p = 0; p < PAIRS.length; p++) {
                BigDecimal price = new BigDecimal(PRICES[p]);
                BigDecimal quantity = new BigDecimal("100").divide(price, 8, RoundingMode.DOWN);
                position.setString(1, PAIRS[p]);
                position.setString(2, quantity.toPlainString());
                position.setString(3, price.toPlainString());
                position.setString(4, quantity.multiply(price).setScale(8, RoundingMode.DOWN).toPlainString());
                position.setString(5, Timestamps.format(now));
                position.addBatch();
            }
            position.executeBatch();
        }
    }
}
