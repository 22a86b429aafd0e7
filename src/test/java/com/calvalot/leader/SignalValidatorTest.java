package com.calvalot.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.calvalot.json.Json;
import com.calvalot.signal.Signal;
import com.fasterxml.jackson.core.json.JsonReadFeature;

class SignalValidatorTest {

    private static Object validate(String json) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(Json.MAPPER.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).readTree(json));
        new SignalValidator().process(exchange);
        return exchange.getMessage().getBody();
    }

    @Test
    void theSpecExampleIsValid() throws Exception {
        Signal signal = assertInstanceOf(Signal.class, validate("""
                {"signal_id": "sig-2026-11-23T14:00:00Z-7f3a", "version": 2, "confidence": 0.72,
                 "reasoning": "BTC momentum, trimming SOL",
                 "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 0.07},
                             {"coin": "SOLUSDC", "action": "SELL", "pct_of_capital": 0.05}],
                 "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.22},
                   {"coin": "ETHUSDC", "pct_of_portfolio": 0.15}, {"coin": "SOLUSDC", "pct_of_portfolio": 0.05}]},
                 "update": {"required": false, "latest_version": "1.4.2"}, "future_field": {"x": 1}}
                """));
        assertEquals(2, signal.version());
        assertEquals(new BigDecimal("0.72"), signal.confidence());
        assertEquals(2, signal.actions().size());
        assertEquals(new BigDecimal("0.07"), signal.actions().get(0).pctOfCapital());
        assertEquals(3, signal.portfolioState().size());
        assertEquals("1.4.2", signal.update().latestVersion());
    }

    @Test
    void defaultsAndHoldEntries() throws Exception {
        Signal signal = assertInstanceOf(Signal.class, validate("""
                {"signal_id": "s", "actions": [{"coin": "DOGEUSDC", "action": "HOLD", "pct_of_capital": "lots"}]}
                """));
        assertEquals(1, signal.version());
        assertTrue(signal.actions().isEmpty(), "a HOLD entry is a no-op, never a rejection");
        assertNull(signal.portfolioState());
        assertNull(signal.confidence());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing id                 | {"version": 1}                                                   | signal_id is required
            empty id                   | {"signal_id": ""}                                                | signal_id must be non-empty
            numeric id                 | {"signal_id": 42}                                                | signal_id must be non-empty
            reserved id                | {"signal_id": "initial_sync"}                                    | reserved
            version as text            | {"signal_id": "s", "version": "2"}                               | version must be a whole number
            version fractional         | {"signal_id": "s", "version": 1.5}                               | version must be a whole number
            version zero               | {"signal_id": "s", "version": 0}                                 | version must be a whole number
            confidence above 1         | {"signal_id": "s", "confidence": 1.2}                            | confidence must be from 0 to 1
            confidence as text         | {"signal_id": "s", "confidence": "high"}                         | confidence must be a number
            reasoning not text         | {"signal_id": "s", "reasoning": {"a": 1}}                        | reasoning must be text
            actions not array          | {"signal_id": "s", "actions": {"coin": "BTCUSDC"}}               | actions must be an array
            untracked coin             | {"signal_id": "s", "actions": [{"coin": "DOGEUSDC", "action": "BUY", "pct_of_capital": 0.1}]} | actions[0].coin must be one of
            unknown action             | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "SHORT", "pct_of_capital": 0.1}]} | actions[0].action must be BUY, SELL or HOLD
            pct as text                | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": "0.1"}]} | actions[0].pct_of_capital must be a number
            pct NaN                    | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": NaN}]}   | must be a finite number
            pct Infinity               | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": Infinity}]} | must be a finite number
            pct 1e309                  | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 1e309}]} | must be from 0 to 1
            confidence huge            | {"signal_id": "s", "confidence": 1E+999999999}                   | confidence must be from 0 to 1, got 1E+999999999
            confidence negative tiny   | {"signal_id": "s", "confidence": -1e-100000000}                  | confidence must be from 0 to 1
            version tiny               | {"signal_id": "s", "version": 1e-100000000}                      | version must be a whole number
            version huge               | {"signal_id": "s", "version": 1E+999999999}                      | version must be a whole number
            pct huge                   | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 1e999999999}]} | must be from 0 to 1, got 1E+999999999
            state huge                 | {"signal_id": "s", "version": 2, "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 1E+999999999}]}} | must be from 0 to 1
            pct negative               | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "SELL", "pct_of_capital": -0.1}]} | must be from 0 to 1
            pct missing                | {"signal_id": "s", "actions": [{"coin": "BTCUSDC", "action": "SELL"}]}                         | actions[0].pct_of_capital must be a number
            v2 without state           | {"signal_id": "s", "version": 2}                                 | portfolio_state is required for version 2
            state not an object        | {"signal_id": "s", "version": 2, "portfolio_state": [1]}         | portfolio_state.positions must be an array
            state untracked coin       | {"signal_id": "s", "version": 2, "portfolio_state": {"positions": [{"coin": "ADAUSDC", "pct_of_portfolio": 0.1}]}} | coin must be one of
            state above 1              | {"signal_id": "s", "version": 2, "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 1.01}]}} | must be from 0 to 1
            state sum above 1.05       | {"signal_id": "s", "version": 2, "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.6}, {"coin": "ETHUSDC", "pct_of_portfolio": 0.46}]}} | add up to 1.06
            state coin twice           | {"signal_id": "s", "version": 2, "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 0.1}, {"coin": "BTCUSDC", "pct_of_portfolio": 0.1}]}} | listed twice
            """)
    void aRuleBrokenIsARejectionWithItsReason(String rule, String json, String reason) throws Exception {
        RejectedSignal rejected = assertInstanceOf(RejectedSignal.class, validate(json), rule);
        assertTrue(rejected.reason().contains(reason), rule + ": " + rejected.reason());
    }

    @Test
    @Timeout(10) // développé, 1e-100000000 tient le processeur des minutes
    void tinyFractionsCountAsZeroWithoutEverBeingExpanded() throws Exception {
        Signal signal = assertInstanceOf(Signal.class, validate("""
                {"signal_id": "s", "version": 2, "confidence": 1e-100000000,
                 "actions": [{"coin": "BTCUSDC", "action": "BUY", "pct_of_capital": 1e-100000000}],
                 "portfolio_state": {"positions": [{"coin": "BTCUSDC", "pct_of_portfolio": 1e-100000000},
                   {"coin": "ETHUSDC", "pct_of_portfolio": 0.5}]}}
                """));
        assertEquals(BigDecimal.ZERO, signal.confidence());
        assertEquals(BigDecimal.ZERO, signal.actions().get(0).pctOfCapital());
        assertEquals(BigDecimal.ZERO, signal.portfolioState().get(0).pctOfPortfolio());
        // 1e-20 est encore lu pour sa valeur exacte
        Signal small = assertInstanceOf(Signal.class, validate("{\"signal_id\": \"s\", \"confidence\": 1e-20}"));
        assertEquals(new BigDecimal("1e-20"), small.confidence());
    }

    @Test
    void aSumWithinTheRoundingSlackIsAccepted() throws Exception {
        assertInstanceOf(Signal.class, validate("""
                {"signal_id": "s", "version": 2, "portfolio_state": {"positions": [
                  {"coin": "BTCUSDC", "pct_of_portfolio": 0.6}, {"coin": "ETHUSDC", "pct_of_portfolio": 0.45}]}}
                """));
    }
}
