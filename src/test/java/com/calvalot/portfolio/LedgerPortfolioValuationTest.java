package com.calvalot.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.AppVersion;
import com.calvalot.budget.BudgetInitializer;
import com.calvalot.config.Settings;
import com.calvalot.db.Database;
import com.calvalot.db.Sql;
import com.calvalot.market.BinanceMarketData;
import com.calvalot.support.BinanceClients;
import com.calvalot.support.FakeBinance;

class LedgerPortfolioValuationTest {

    @TempDir
    Path dir;

    private final FakeBinance binance = new FakeBinance();

    @AfterEach
    void stop() {
        binance.close();
    }

    private LedgerPortfolioValuation valuation(Sql[] sqlOut) {
        Settings settings = Settings.from(Map.of("DB_PATH", dir.resolve("c.db").toString()), AppVersion.project());
        DataSource dataSource = Database.open(settings.dbPath());
        BudgetInitializer.ensure(dataSource, settings, Clock.systemUTC());
        Sql sql = new Sql(dataSource);
        sqlOut[0] = sql;
        com.calvalot.exchange.BinanceRateGate gate = new com.calvalot.exchange.BinanceRateGate(Clock.systemUTC());
        return new LedgerPortfolioValuation(sql,
                new BinanceMarketData(BinanceClients.publicCalls(binance.baseUrl(), gate), Clock.systemUTC(), gate));
    }

    @Test
    void theInitialDepositIsCashAtTheRateOfTheDay() {
        PortfolioValue value = valuation(new Sql[1]).current();

        assertEquals(new BigDecimal("108.00000000"), value.cashUsdt());
        assertEquals(0, new BigDecimal("108").compareTo(value.totalUsdt()));
        assertEquals(0, new BigDecimal("100").compareTo(value.totalEur()));
        assertTrue(value.reliable());
    }

    @Test
    void tradesMoveCashAndPositionsAreValuedAtMarket() {
        Sql[] sql = new Sql[1];
        LedgerPortfolioValuation valuation = valuation(sql);
        valuation.current();
        sql[0].update("INSERT INTO trades (signal_id, coin, action, amount_usdt, price, quantity, fee_usdt, is_simulated, created_at) "
                + "VALUES ('s1', 'BTCUSDC', 'BUY', '50', '100000', '0.0005', '0.05', 1, '2026-11-26T10:00:00Z')");
        sql[0].update("INSERT INTO positions (coin, quantity, avg_entry_price, total_invested_usdt, updated_at) "
                + "VALUES ('BTCUSDC', '0.0005', '100000', '50', '2026-11-26T10:00:00Z')");

        PortfolioValue value = valuation.current();

        // 108 − 50 − 0,05 = 57,95 ; 0,0005 × 97000,1 = 48,50005
        assertEquals(0, new BigDecimal("57.95").compareTo(value.cashUsdt()));
        assertEquals(0, new BigDecimal("48.50005").compareTo(value.positionsUsdt()));
        assertEquals(0, new BigDecimal("106.45005").compareTo(value.totalUsdt()));
    }

    @Test
    void withoutAnyPriceTheValueIsUnknownAndUnreliableNeverZero() {
        binance.failWith(503);

        PortfolioValue value = valuation(new Sql[1]).current();

        assertNull(value.totalUsdt());
        assertNull(value.totalEur());
        assertFalse(value.reliable());
    }
}
