package com.calvalot.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tous les réglages de ../shared/spec/configuration.md, lus une fois depuis l'environnement.
 * Un mauvais réglage lève {@link SettingsException} : rien ne démarre à moitié configuré.
 */
public record Settings(
        String leaderUrl,
        String signalSecret,
        TradingMode tradingMode,
        String binanceApiKey,
        String binanceApiSecret,
        boolean binanceTestnet,
        String binanceBaseUrl,
        BigDecimal initialBudgetEur,
        int pollIntervalSeconds,
        BigDecimal rebalanceThresholdPct,
        Path dbPath,
        int port,
        String apiUser,
        String apiPasswordHash,
        boolean demo,
        String version,
        Path routesDir,
        Alerts alerts,
        RiskSettings risk,
        int signalMaxDelaySeconds,
        BackupSettings backup,
        java.util.List<String> allowedHosts) {

    public static final String PRODUCTION_BASE_URL = "https://api.binance.com";
    public static final String TESTNET_BASE_URL = "https://testnet.binance.vision";
    public static final String DEMO_LEADER_PATH = "/demo/leader";
    public static final String DEMO_MARKET_PATH = "/demo/market";
    public static final String DEMO_DB_NAME = "demo.db";
    public static final int DEMO_POLL_INTERVAL_SECONDS = 5;
    public static final String DEFAULT_DB_PATH = "./data/calvalot.db";
    public static final String TELEGRAM_API_URL = "https://api.telegram.org";

    /**
     * Réglages des alertes (e-mail, webhook, Telegram, résumé du jour) : tous facultatifs.
     * {@code telegramUserIds} vide : tout membre de la conversation peut piloter le bot.
     */
    public record Alerts(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String emailTo,
                         String webhookUrl, String telegramBotToken, String telegramChatId, boolean onTrades,
                         boolean telegramControl, String telegramApiUrl, java.time.LocalTime dailyReportAt,
                         java.util.Set<Long> telegramUserIds) {
        public boolean emailEnabled() {
            return smtpUser != null && smtpPassword != null && emailTo != null;
        }

        /** Le bot (alertes et commandes) : le jeton et la conversation, tous deux réglés. */
        public boolean telegramEnabled() {
            return telegramBotToken != null && telegramChatId != null;
        }
    }

    public boolean leaderConfigured() {
        return leaderUrl != null;
    }

    public boolean apiAuthEnabled() {
        return apiPasswordHash != null;
    }

    /** Mode installation : ni démo ni LEADER_URL (environnement ou config.json) ; la page /setup est ouverte. */
    public boolean setupMode() {
        return !demo && !leaderConfigured();
    }

    /** Lit l'environnement du processus (ou la carte donnée par un test), sans fichier de réglages. */
    public static Settings from(Map<String, String> env, String projectVersion) {
        return from(env, Map.of(), null, projectVersion);
    }

    /**
     * L'environnement d'abord, puis les valeurs de {@code fileValues} (lues dans {@code file}), puis
     * les défauts ; une mauvaise valeur venue du fichier est signalée avec le nom du fichier.
     */
    public static Settings from(Map<String, String> env, Map<String, String> fileValues, Path file, String projectVersion) {
        SettingsReader in = new SettingsReader(env, fileValues, file);
        boolean demo = in.bool("DEMO", false);
        String leaderUrl = in.httpUrl("LEADER_URL");
        String signalSecret = in.text("SIGNAL_SECRET");
        if (leaderUrl != null && signalSecret == null) {
            throw new SettingsException("SIGNAL_SECRET is required when LEADER_URL is set (the HMAC secret shared with the leader)"
                    + in.sourceNote("LEADER_URL"));
        }
        TradingMode mode = in.oneOf("TRADING_MODE", "dry_run", TradingMode.class);
        String apiKey = in.text("BINANCE_API_KEY");
        String apiSecret = in.text("BINANCE_API_SECRET");
        if (mode == TradingMode.LIVE && (apiKey == null || apiSecret == null)) {
            throw new SettingsException("BINANCE_API_KEY and BINANCE_API_SECRET are required when TRADING_MODE=live"
                    + in.sourceNote("TRADING_MODE"));
        }
        if (demo && mode == TradingMode.LIVE) {
            throw new SettingsException("DEMO=true runs in dry_run only: unset TRADING_MODE=live or DEMO");
        }
        boolean testnet = in.bool("BINANCE_TESTNET", false);
        String baseUrl = in.httpUrl("BINANCE_BASE_URL");
        if (baseUrl == null) {
            baseUrl = testnet ? TESTNET_BASE_URL : PRODUCTION_BASE_URL;
        }
        BigDecimal initialBudget = in.decimal("INITIAL_BUDGET_EUR", "100", false, null,
                "a number of euros greater than 0");
        int interval = in.integer("POLL_INTERVAL_SECONDS", demo ? DEMO_POLL_INTERVAL_SECONDS : 120, 1, 86400);
        BigDecimal threshold = in.decimal("REBALANCE_THRESHOLD_PCT", "0.005", true, BigDecimal.ONE,
                "a fraction from 0 to 1");
        int maxDelay = in.integer("SIGNAL_MAX_DELAY_SECONDS", 600, 10, 86400);
        Path dbPath = in.path("DB_PATH", DEFAULT_DB_PATH);
        int port = in.integer("PORT", 8080, 1, 65535);
        String apiUser = in.textOr("API_USER", "admin");
        String hash = in.text("API_PASSWORD_HASH");
        if (hash != null && in.fromFile("API_PASSWORD_HASH")) {
            // le même contrôle que HttpSecurity, mais la ligne nomme aussi le fichier
            try {
                PasswordHashFormat.parse(hash);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(in.where("API_PASSWORD_HASH") + " must be a Werkzeug hash, "
                        + "pbkdf2:sha256:<iterations>$<salt>$<hex> or scrypt:<n>:<r>:<p>$<salt>$<hex>");
            }
        }
        String version = in.textOr("GIT_COMMIT", projectVersion);
        Path routesDir = in.path("ROUTES_DIR", "./routes");
        Alerts alerts = new Alerts(in.text("SMTP_HOST"), in.integer("SMTP_PORT", 465, 1, 65535),
                in.text("SMTP_USER"), in.text("SMTP_PASSWORD"), in.text("ALERT_EMAIL_TO"),
                in.httpUrl("ALERT_WEBHOOK_URL"), in.text("TELEGRAM_BOT_TOKEN"), in.text("TELEGRAM_CHAT_ID"),
                in.bool("ALERT_ON_TRADES", false), in.bool("TELEGRAM_CONTROL", false),
                java.util.Objects.requireNonNullElse(in.httpUrl("TELEGRAM_API_URL"), TELEGRAM_API_URL),
                in.hourMinute("DAILY_REPORT_AT"), in.telegramUserIds("TELEGRAM_USER_IDS"));
        RiskSettings risk = RiskSettings.from(in);
        BackupSettings backup = BackupSettings.from(in, dbPath);
        if (demo) {
            // la démo joue contre elle-même, sur sa propre base : jamais de réseau ni de vraies données
            String self = "http://127.0.0.1:" + port;
            leaderUrl = self + DEMO_LEADER_PATH;
            signalSecret = randomSecret();
            baseUrl = self + DEMO_MARKET_PATH;
            dbPath = demoDatabase(dbPath);
            // la démo ne copie jamais sa base jetable parmi les vraies copies (l'élagage les mélangerait)
            backup = new BackupSettings(dbPath.resolveSibling("demo-backups"), null);
        }
        return new Settings(leaderUrl, signalSecret, mode, apiKey, apiSecret, testnet, baseUrl, initialBudget,
                interval, threshold, dbPath, port, apiUser, hash, demo, version, routesDir, alerts, risk, maxDelay, backup,
                in.hostNames("ALLOWED_HOSTS"));
    }

    /** La base de la démo : demo.db à côté de DB_PATH, que la démo ne touche jamais. */
    private static Path demoDatabase(Path dbPath) {
        Path real = dbPath.toAbsolutePath().normalize();
        Path demoDb = real.resolveSibling(DEMO_DB_NAME);
        if (demoDb.equals(real)) {
            throw new SettingsException("DB_PATH must not be named " + DEMO_DB_NAME + " when DEMO=true (the demo recreates that file)");
        }
        return demoDb;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Jamais de secret dans toString() : un record l'imprimerait sinon tel quel dans un log. */
    @Override
    public String toString() {
        return "Settings[mode=" + tradingMode.wireName() + ", leader=" + (leaderConfigured() ? "***" : "none")
                + ", port=" + port + ", db=" + dbPath + ", demo=" + demo + "]";
    }
}
