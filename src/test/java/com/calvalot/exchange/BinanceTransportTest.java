package com.calvalot.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.calvalot.support.FakeBinance;

/**
 * Les connexions d'une vague d'ordres s'ouvrent pendant la lecture de la bourse (warm) : la vague
 * les trouve prêtes et n'en ouvre aucune de plus (en vrai : deux allers-retours TCP et TLS de moins).
 */
class BinanceTransportTest {

    private final FakeBinance binance = new FakeBinance();
    private final BinanceTransport transport = new BinanceTransport(Duration.ofSeconds(5));
    private final ExecutorService calls = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        transport.close();
        calls.shutdownNow();
        binance.close();
    }

    @Test
    void aWaveFindsItsConnectionsAlreadyOpenAndOpensNoMore() throws Exception {
        transport.warm(binance.baseUrl(), 5, calls).join();
        assertEquals(5, transport.idleConnections(), "5 connections opened ahead, ready in the pool");
        assertEquals(0, binance.calls("/api/v3/time"), "opening a connection sends no request");

        List<CompletableFuture<BinanceTransport.Answer>> wave = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> time(), calls)).toList();
        for (CompletableFuture<BinanceTransport.Answer> answer : wave) {
            assertEquals(200, answer.join().status());
        }
        assertEquals(5, binance.calls("/api/v3/time"));
        assertEquals(5, transport.openConnections(), "the wave used the 5 connections opened ahead, no new one");
    }

    @Test
    void anOpenConnectionIsTakenAgainRatherThanDoubled() throws Exception {
        assertEquals(200, time().status());
        transport.warm(binance.baseUrl(), 2, calls).join();
        assertEquals(2, transport.idleConnections());
    }

    @Test
    void anUnreachableExchangeLeavesNothingBehindAndThrowsNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        transport.warm("http://127.0.0.1:" + closedPort, 3, calls).join();
        transport.warm("not a url", 3, calls).join();
        assertEquals(0, transport.openConnections(), "no refused connection kept in the pool");
    }

    private BinanceTransport.Answer time() {
        try {
            return transport.send("GET", binance.baseUrl() + "/api/v3/time", null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
