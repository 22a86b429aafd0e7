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
        int signalMaxDelaySeconds) {

    public static final String PRODUCTION_BASE_URL = "https://api.binance.com";
    public static final String TESTNET_BASE_URL = "https://testnet.binance.vision";
    public static final String DEMO_LEADER_PATH = "/demo/leader";
    public static final String DEMO_MARKET_PATH = "/demo/market";
    public static final String DEMO_DB_NAME = "demo.db";
    public static final int DEMO_POLL_INTERVAL_SECONDS = 5;

    /** Réglages des alertes (e-mail, webhook, Telegram) : tous facultatifs. */
    public record Alerts(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String emailTo,
                         String webhookUrl, String telegramBotToken, String telegramChatId) {
        public boolean emailEnabled() {
            return smtpUser != null && smtpPassword != null && emailTo != null;
        }
    }

    public boolean leaderConfigured() {
        return leaderUrl != null;
    }

    public boolean apiAuthEnabled() {
        return apiPasswordHash != null;
    }

    /** Lit l'environnement du processus (ou la carte donnée par un test). */
    public static Settings from(Map<String, String> env, String projectVersion) {
        EnvReader in = new EnvReader(env);
        boolean demo = in.bool("DEMO", false);
        String leaderUrl = in.httpUrl("LEADER_URL");
        String signalSecret = in.text("SIGNAL_SECRET");
        if (leaderUrl != null && signalSecret == null) {
            throw new SettingsException("SIGNAL_SECRET is required when LEADER_URL is set (the HMAC secret shared with the leader)");
        }
        TradingMode mode = in.oneOf("TRADING_MODE", "dry_run", TradingMode.class);
        String apiKey = in.text("BINANCE_API_KEY");
        String apiSecret = in.text("BINANCE_API_SECRET");
        if (mode == TradingMode.LIVE && (apiKey == null || apiSecret == null)) {
            throw new SettingsException("BINANCE_API_KEY and BINANCE_API_SECRET are required when TRADING_MODE=live");
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
        Path dbPath = in.path("DB_PATH", "./data/calvalot.db");
        int port = in.integer("PORT", 8080, 1, 65535);
        String apiUser = in.textOr("API_USER", "admin");
        String hash = in.text("API_PASSWORD_HASH");
        String version = in.textOr("GIT_COMMIT", projectVersion);
        Path routesDir = in.path("ROUTES_DIR", "./routes");
        Alerts alerts = new Alerts(in.text("SMTP_HOST"), in.integer("SMTP_PORT", 465, 1, 65535),
                in.text("SMTP_USER"), in.text("SMTP_PASSWORD"), in.text("ALERT_EMAIL_TO"),
                in.httpUrl("ALERT_WEBHOOK_URL"), in.text("TELEGRAM_BOT_TOKEN"), in.text("TELEGRAM_CHAT_ID"));
        if (demo) {
            // la démo joue contre elle-même, sur sa propre base : jamais de réseau ni de vraies données
            String self = "http://127.0.0.1:" + port;
            leaderUrl = self + DEMO_LEADER_PATH;
            signalSecret = randomSecret();
            baseUrl = self + DEMO_MARKET_PATH;
            dbPath = demoDatabase(dbPath);
        }
        return new Settings(leaderUrl, signalSecret, mode, apiKey, apiSecret, testnet, baseUrl, initialBudget,
                interval, threshold, dbPath, port, apiUser, hash, demo, version, routesDir, alerts, maxDelay);
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

    /** Lecture typée d'une variable ; chaque erreur nomme la variable et ce qu'elle accepte. */
    private record EnvReader(Map<String, String> env) {

        String text(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String textOr(String name, String fallback) {
            String value = text(name);
            return value == null ? fallback : value;
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new SettingsException(name + " must be true or false, got '" + value + "'");
            };
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // message commun ci-dessous
            }
            throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }

        BigDecimal decimal(String name, String fallback, boolean zeroAllowed, BigDecimal max, String accepts) {
            String value = textOr(name, fallback);
            try {
                BigDecimal parsed = new BigDecimal(value);
                boolean lowOk = zeroAllowed ? parsed.signum() >= 0 : parsed.signum() > 0;
                boolean highOk = max == null || parsed.compareTo(max) <= 0;
                if (lowOk && highOk) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // message commun ci-dessous
            }
            throw new SettingsException(name + " must be " + accepts + ", got '" + value + "'");
        }

        <E extends Enum<E>> E oneOf(String name, String fallback, Class<E> type) {
            String value = textOr(name, fallback);
            StringBuilder accepted = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                String wire = constant.name().toLowerCase();
                if (wire.equals(value)) {
                    return constant;
                }
                accepted.append(accepted.length() == 0 ? "" : " or ").append(wire);
            }
            throw new SettingsException(name + " must be " + accepted + ", got '" + value + "'");
        }

        /** Une URL http(s) sans slash final ; jamais recopiée dans le message (elle peut être privée). */
        String httpUrl(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                    return value.replaceAll("/+$", "");
                }
            } catch (Exception ignored) {
                // message commun ci-dessous
            }
            throw new SettingsException(name + " must be an http(s)://host[:port] URL");
        }

        Path path(String name, String fallback) {
            String value = textOr(name, fallback);
            try {
                return Path.of(value);
            } catch (Exception e) {
                throw new SettingsException(name + " must be a file path, got '" + value + "'");
            }
        }
    }
}
