package com.calvalot.support;

import java.time.Clock;
import java.time.Duration;

import com.calvalot.exchange.BinanceHttp;
import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.exchange.BinanceTransport;

/** Les appels publics de Binance vers une doublure, comme l'application les construit (transport partagé). */
public final class BinanceClients {

    private BinanceClients() {
    }

    public static BinanceHttp publicCalls(String baseUrl, BinanceRateGate gate) {
        return new BinanceHttp(new BinanceTransport(Duration.ofSeconds(5)), baseUrl, null, null, gate, Clock.systemUTC(),
                Duration.ZERO, Duration.ofSeconds(5));
    }
}
