package com.calvalot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @Test
    void defaultsMatchTheConfigurationSpec() {
        Settings settings = Settings.from(Map.of(), "1.2.3");
        assertNull(settings.leaderUrl());
        assertFalse(settings.leaderConfigured());
        assertEquals(TradingMode.DRY_RUN, settings.tradingMode());
        assertEquals(Settings.PRODUCTION_BASE_URL, settings.binanceBaseUrl());
        assertEquals(new BigDecimal("100"), settings.initialBudgetEur());
        assertEquals(120, settings.pollIntervalSeconds());
        assertEquals(new BigDecimal("0.005"), settings.rebalanceThresholdPct());
        assertEquals(Path.of("./data/calvalot.db"), settings.dbPath());
        assertEquals(8080, settings.port());
        assertEquals("admin", settings.apiUser());
        assertFalse(settings.apiAuthEnabled());
        assertFalse(settings.demo());
        assertEquals("1.2.3", settings.version());
        assertEquals(465, settings.alerts().smtpPort());
        assertEquals("https://api.telegram.org", settings.alerts().telegramApiUrl());
        assertFalse(settings.alerts().telegramControl());
        assertNull(settings.alerts().dailyReportAt());
    }

    @Test
    void theTelegramBotNeedsItsTokenAndChatAndReadsItsReportTime() {
        Settings settings = Settings.from(Map.of("TELEGRAM_BOT_TOKEN", "1:abc", "TELEGRAM_CHAT_ID", "42",
                "TELEGRAM_CONTROL", "true", "TELEGRAM_API_URL", "http://127.0.0.1:9000/", "DAILY_REPORT_AT", "07:30"), "x");
        assertTrue(settings.alerts().telegramEnabled());
        assertTrue(settings.alerts().telegramControl());
        assertEquals("http://127.0.0.1:9000", settings.alerts().telegramApiUrl());
        assertEquals(java.time.LocalTime.of(7, 30), settings.alerts().dailyReportAt());
        assertFalse(Settings.from(Map.of("TELEGRAM_BOT_TOKEN", "1:abc"), "x").alerts().telegramEnabled());
        assertEquals(java.util.Set.of(), settings.alerts().telegramUserIds(), "without TELEGRAM_USER_IDS, anyone in the chat");
        assertEquals(java.util.Set.of(123456789L, 42L), Settings.from(Map.of("TELEGRAM_USER_IDS", " 123456789, 42,"), "x")
                .alerts().telegramUserIds());
    }

    @Test
    void leaderUrlLosesItsTrailingSlashAndGitCommitIsTheVersion() {
        Settings settings = Settings.from(Map.of("LEADER_URL", "https://leader.example:8443/",
                "SIGNAL_SECRET", "s3cret", "GIT_COMMIT", "c3f9ff3"), "1.2.3");
        assertEquals("https://leader.example:8443", settings.leaderUrl());
        assertEquals("c3f9ff3", settings.version());
    }

    @Test
    void testnetPicksTheTestnetUrlUnlessABaseUrlIsGiven() {
        assertEquals(Settings.TESTNET_BASE_URL,
                Settings.from(Map.of("BINANCE_TESTNET", "true"), "x").binanceBaseUrl());
        assertEquals("http://127.0.0.1:9000", Settings.from(Map.of("BINANCE_TESTNET", "true",
                "BINANCE_BASE_URL", "http://127.0.0.1:9000/"), "x").binanceBaseUrl());
    }

    @Test
    void liveModeWithKeysIsAccepted() {
        Settings settings = Settings.from(Map.of("TRADING_MODE", "live",
                "BINANCE_API_KEY", "k", "BINANCE_API_SECRET", "s"), "x");
        assertEquals(TradingMode.LIVE, settings.tradingMode());
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
        "PORT|abc|PORT must be a whole number from 1 to 65535",
        "PORT|70000|PORT must be a whole number from 1 to 65535",
        "TRADING_MODE|yolo|TRADING_MODE must be dry_run or live",
        "POLL_INTERVAL_SECONDS|0|POLL_INTERVAL_SECONDS must be a whole number from 1 to 86400",
        "POLL_INTERVAL_SECONDS|86401|POLL_INTERVAL_SECONDS must be a whole number from 1 to 86400",
        "SIGNAL_MAX_DELAY_SECONDS|9|SIGNAL_MAX_DELAY_SECONDS must be a whole number from 10 to 86400",
        "SIGNAL_MAX_DELAY_SECONDS|86401|SIGNAL_MAX_DELAY_SECONDS must be a whole number from 10 to 86400",
        "LEADER_URL|ftp://x|LEADER_URL must be an http(s)://host[:port] URL",
        "INITIAL_BUDGET_EUR|0|INITIAL_BUDGET_EUR must be a number of euros greater than 0",
        "INITIAL_BUDGET_EUR|lots|INITIAL_BUDGET_EUR must be a number of euros greater than 0",
        "REBALANCE_THRESHOLD_PCT|1.5|REBALANCE_THRESHOLD_PCT must be a fraction from 0 to 1",
        "DEMO|yes|DEMO must be true or false",
        "BINANCE_BASE_URL|api.binance.com|BINANCE_BASE_URL must be an http(s)://host[:port] URL",
        "BINANCE_BASE_URL|http://127.0.0.1:373071|BINANCE_BASE_URL must be an http(s)://host[:port] URL",
        "LEADER_URL|https://leader.example:99999|LEADER_URL must be an http(s)://host[:port] URL",
        "TELEGRAM_CONTROL|yes|TELEGRAM_CONTROL must be true or false",
        "TELEGRAM_API_URL|api.telegram.org|TELEGRAM_API_URL must be an http(s)://host[:port] URL",
        "DAILY_REPORT_AT|9:00|DAILY_REPORT_AT must be a time HH:MM",
        "DAILY_REPORT_AT|24:00|DAILY_REPORT_AT must be a time HH:MM",
        "DAILY_REPORT_AT|noon|DAILY_REPORT_AT must be a time HH:MM",
        "TELEGRAM_USER_IDS|@alice|TELEGRAM_USER_IDS must be a comma list of Telegram user ids (whole numbers such as 123456789), got '@alice'",
        "TELEGRAM_USER_IDS|12;34|TELEGRAM_USER_IDS must be a comma list of Telegram user ids",
        "TELEGRAM_USER_IDS|-5|TELEGRAM_USER_IDS must be a comma list of Telegram user ids",
        "TELEGRAM_USER_IDS|0|TELEGRAM_USER_IDS must be a comma list of Telegram user ids",
    })
    void aBadValueNamesTheVariableAndWhatItAccepts(String name, String value, String expected) {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> Settings.from(Map.of(name, value), "x"));
        assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void liveWithoutKeysIsRefused() {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> Settings.from(Map.of("TRADING_MODE", "live", "BINANCE_API_KEY", "k"), "x"));
        assertTrue(refused.getMessage().contains("BINANCE_API_SECRET"));
    }

    @Test
    void leaderWithoutSecretIsRefused() {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> Settings.from(Map.of("LEADER_URL", "https://leader.example"), "x"));
        assertTrue(refused.getMessage().startsWith("SIGNAL_SECRET is required when LEADER_URL is set"));
    }

    @Test
    void demoRefusesLiveMode() {
        Map<String, String> env = new HashMap<>(Map.of("DEMO", "true", "TRADING_MODE", "live",
                "BINANCE_API_KEY", "k", "BINANCE_API_SECRET", "s"));
        assertThrows(SettingsException.class, () -> Settings.from(env, "x"));
    }

    @Test
    void toStringHidesEverySecret() {
        Settings settings = Settings.from(Map.of("LEADER_URL", "https://private-leader.example",
                "SIGNAL_SECRET", "sig-secret", "TRADING_MODE", "live", "BINANCE_API_KEY", "bkey",
                "BINANCE_API_SECRET", "bsecret", "API_PASSWORD_HASH", "pbkdf2:sha256:1$a$b"), "x");
        String text = settings.toString();
        for (String secret : new String[] {"private-leader", "sig-secret", "bkey", "bsecret", "pbkdf2"}) {
            assertFalse(text.contains(secret), text);
        }
    }
}
