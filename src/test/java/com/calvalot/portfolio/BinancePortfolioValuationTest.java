package com.calvalot.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.calvalot.exchange.BinanceAccount;
import com.calvalot.exchange.BinanceHttp;
import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.exchange.BinanceTransport;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.Side;
import com.calvalot.market.BinanceMarketData;
import com.calvalot.support.FakeBinance;
import com.calvalot.support.FakeSpotAccount;

/** Les soldes live : lus ensemble avec les prix, puis suivis par les exécutions sans relecture. */
class BinancePortfolioValuationTest {

    private static final String KEY = "valuation-key";
    private static final String SECRET = "valuation-secret";

    private final FakeBinance binance = new FakeBinance();
    private final FakeSpotAccount account = FakeSpotAccount.install(binance, KEY, SECRET);
    private final BinanceTransport transport = new BinanceTransport(Duration.ofSeconds(5));
    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final BinancePortfolioValuation valuation;

    BinancePortfolioValuationTest() {
        Clock clock = Clock.systemUTC();
        BinanceRateGate gate = new BinanceRateGate(clock);
        BinanceHttp http = new BinanceHttp(transport, binance.baseUrl(), KEY, SECRET, gate, clock, Duration.ZERO,
                Duration.ofSeconds(5));
        valuation = new BinancePortfolioValuation(new BinanceAccount(http), new BinanceMarketData(http, clock, gate), clock,
                calls);
    }

    @AfterEach
    void stop() {
        calls.shutdownNow();
        transport.close();
        binance.close();
    }

    private static OrderFill boughtBtc(String quantity, String usdc) {
        return new OrderFill("1", "FILLED", new BigDecimal(quantity), new BigDecimal(usdc), new BigDecimal("97000"),
                BigDecimal.ZERO, Map.of(), false);
    }

    @Test
    void aReadThatStartedBeforeAFillNeitherReplacesTheBalancesTheFillMovedNorSizesAnything() {
        account.setBalance("USDC", "1000");
        assertEquals(0, new BigDecimal("1000").compareTo(valuation.readNow().cashUsdt()));

        // une lecture d'avance jamais servie, lente, pendant qu'un signal repris achète
        binance.delayAnswers(300);
        CompletableFuture<PortfolioValue> ahead = valuation.readLater(calls);
        valuation.afterFill("BTCUSDC", Side.BUY, boughtBtc("0.001", "97"));
        PortfolioValue late = ahead.join();
        binance.delayAnswers(0);

        assertFalse(late.reliable(), "a read older than a fill sizes nothing");
        PortfolioValue known = valuation.current();
        assertEquals(0, new BigDecimal("903").compareTo(known.cashUsdt()), known.toString());
        assertEquals(0, new BigDecimal("0.001").compareTo(known.quantities().get("BTCUSDC")), known.toString());
    }

    @Test
    void aReadWithNoFillMeanwhileIsTheNewTruth() {
        account.setBalance("USDC", "1000");
        valuation.readNow();
        account.setBalance("USDC", "1200");

        PortfolioValue read = valuation.readLater(calls).join();

        assertTrue(read.reliable());
        assertEquals(0, new BigDecimal("1200").compareTo(read.cashUsdt()));
        assertEquals(0, new BigDecimal("1200").compareTo(valuation.current().cashUsdt()));
    }

    private static OrderFill boughtBtcPayingBnb() {
        return new OrderFill("1", "FILLED", new BigDecimal("0.003"), new BigDecimal("291"), new BigDecimal("97000"),
                BigDecimal.ZERO, Map.of("BNB", new BigDecimal("0.00053547")), false);
    }

    private static OrderFill boughtBnb() {
        return new OrderFill("2", "FILLED", new BigDecimal("0.7934045"), new BigDecimal("516"), new BigDecimal("650.3"),
                BigDecimal.ZERO, Map.of("BNB", new BigDecimal("0.0005955")), false);
    }

    /**
     * Soak F6 (graine 103 wallet) : une vague d'achats part en parallèle ; Binance exécute l'achat de BNB
     * avant celui de BTC, qui paie sa commission avec ce BNB tout neuf. Les réponses arrivent dans l'ordre
     * du plan (BTC d'abord) : la commission dépasse un instant le BNB connu, qui se montre alors à zéro.
     * Les soldes suivis ne la perdent pas pour autant : ils finissent où le compte finit.
     */
    @Test
    void theFillsOfAWaveLeaveTheBalancesWhereTheAccountIsWhenTheyAreAppliedInTheOtherOrder() {
        readAnAccountWithLessBnbThanOneCommission();

        valuation.afterFill("BTCUSDC", Side.BUY, boughtBtcPayingBnb());
        PortfolioValue between = valuation.current();
        assertEquals(null, between.quantities().get("BNBUSDC"), "no BNB shown, never a negative amount: " + between);
        assertEquals(0, new BigDecimal("709").compareTo(between.cashUsdt()), between.toString());
        valuation.afterFill("BNBUSDC", Side.BUY, boughtBnb());

        assertFollowedBalancesAfterTheWave(valuation.current());
    }

    @Test
    void theFillsOfAWaveLeaveTheBalancesWhereTheAccountIsWhenTheyAreAppliedInTheOrderOfExecution() {
        readAnAccountWithLessBnbThanOneCommission();

        valuation.afterFill("BNBUSDC", Side.BUY, boughtBnb());
        valuation.afterFill("BTCUSDC", Side.BUY, boughtBtcPayingBnb());

        assertFollowedBalancesAfterTheWave(valuation.current());
    }

    private void readAnAccountWithLessBnbThanOneCommission() {
        account.setBalance("USDC", "1000");
        account.setBalance("BNB", "0.00025256");
        valuation.readNow();
    }

    /** 0.00025256 - 0.00053547 + 0.7934045 : la commission est payée sur le BNB acheté, pas oubliée. */
    private static void assertFollowedBalancesAfterTheWave(PortfolioValue known) {
        assertEquals(0, new BigDecimal("0.79312159").compareTo(known.quantities().get("BNBUSDC")), known.toString());
        assertEquals(0, new BigDecimal("0.79312159").compareTo(known.sellable().get("BNBUSDC")), known.toString());
        assertEquals(0, new BigDecimal("0.79312159").compareTo(known.account().quantities().get("BNBUSDC")), known.toString());
        assertEquals(0, new BigDecimal("193").compareTo(known.cashUsdt()), known.toString());
        assertTrue(known.reliable(), "shown and sized on");
        // des soldes calculés, pas une lecture : la réconciliation ne recale jamais le registre dessus
        assertEquals(null, known.accountReadAt(), known.toString());
    }
}
