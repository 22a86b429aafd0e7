package com.calvalot.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import com.calvalot.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Les doublures du banc (bench/run.sh) : le leader ({@link FakeLeader}) et Binance Spot
 * ({@link FakeBinance} + {@link FakeSpotAccount}) sur 127.0.0.1, partagés par le suiveur d'origine
 * et ce jar, plus une petite interface de pilotage :
 * {@code POST /publish?id=…} publie un signal v1 de 5 achats et remet les compteurs à zéro,
 * {@code POST /quiet} fait répondre 204 (plus de signal), {@code POST /rtt?ms=…} retient chaque
 * réponse de la bourse ce temps (un aller-retour émulé), {@code POST /handshake?ms=…} ferme les
 * connexions passées par le relais ({@link HandshakeRelay}, RELAY_URL) et fait payer ce temps à
 * chaque connexion neuve, {@code GET /wait} répond quand le signal publié a ses 5 ordres (30 s au plus) ;
 * {@code GET /stats} rend les appels à la bourse depuis, l'heure de la réponse du leader et celles
 * des ordres reçus. Écrit LEADER_URL, BINANCE_BASE_URL, RELAY_URL et CONTROL_URL dans le fichier donné.
 *
 *   java -cp <classpath des tests> com.calvalot.support.BenchStandIns <fichier-env> <secret> <clé> <secret-clé>
 */
public final class BenchStandIns {

    static final List<String> PATHS = List.of("/api/v3/ticker/price", "/api/v3/exchangeInfo", "/api/v3/time",
            "/api/v3/order", "/api/v3/account", "/api/v3/myTrades");

    static final List<String> PAIRS_TRADED = List.of("BTCUSDC", "ETHUSDC", "BNBUSDC", "SOLUSDC", "XRPUSDC");
    static final int WARM_UP_ROUNDS = 500;

    /** L'USDC libre du compte au début de chaque signal (5 achats de 2 % du capital chacun). */
    static final String USDC = "10000";

    private BenchStandIns() {
    }

    public static void main(String[] args) throws Exception {
        FakeLeader leader = new FakeLeader(args[1]);
        FakeBinance binance = new FakeBinance();
        FakeSpotAccount account = FakeSpotAccount.install(binance, args[2], args[3]);
        account.setBalance("USDC", "1000000");
        warmUp(binance, args[2], args[3]);
        for (String pair : PAIRS_TRADED) {
            account.setBalance(pair.replace("USDC", ""), "0");
        }
        account.setBalance("USDC", USDC);
        HandshakeRelay relay = new HandshakeRelay(java.net.URI.create(binance.baseUrl()).getPort());
        Map<String, Integer> baseline = new ConcurrentHashMap<>();
        int[] ordersBefore = {0};
        long[] publishedAt = {0};
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/publish", exchange -> {
            try (exchange) {
                String id = exchange.getRequestURI().getQuery().replace("id=", "");
                PATHS.forEach(path -> baseline.put(path, binance.calls(path)));
                ordersBefore[0] = account.orderCallTimes().size();
                // chaque signal, de chacun des deux suiveurs, trouve le même USDC sur le compte
                account.setBalance("USDC", USDC);
                publishedAt[0] = System.currentTimeMillis();
                leader.publish(fiveBuys(id));
                FakeBinance.send(exchange, 200, "{\"published\":\"" + id + "\"}");
            }
        });
        control.createContext("/rtt", exchange -> {
            try (exchange) {
                long millis = Long.parseLong(exchange.getRequestURI().getQuery().replace("ms=", ""));
                binance.delayAnswers(millis);
                FakeBinance.send(exchange, 200, "{\"rtt_ms\":" + millis + "}");
            }
        });
        control.createContext("/handshake", exchange -> {
            try (exchange) {
                long millis = Long.parseLong(exchange.getRequestURI().getQuery().replace("ms=", ""));
                relay.handshakeMillis(millis);
                relay.dropAll();
                FakeBinance.send(exchange, 200, "{\"handshake_ms\":" + millis + "}");
            }
        });
        control.createContext("/quiet", exchange -> {
            try (exchange) {
                leader.answer(FakeLeader.Mode.NO_SIGNAL);
                FakeBinance.send(exchange, 200, "{\"quiet\":true}");
            }
        });
        // le banc attend ici, sans lancer de processus pendant la copie mesurée
        control.createContext("/wait", exchange -> {
            try (exchange) {
                long until = System.currentTimeMillis() + 30_000;
                while (account.orderCallTimes().size() - ordersBefore[0] < 5 && System.currentTimeMillis() < until) {
                    LockSupport.parkNanos(5_000_000);
                }
                FakeBinance.send(exchange, 200, "{\"orders\":" + (account.orderCallTimes().size() - ordersBefore[0]) + "}");
            }
        });
        control.createContext("/stats", exchange -> {
            try (exchange) {
                ObjectNode stats = Json.MAPPER.createObjectNode();
                Map<String, Integer> calls = new TreeMap<>();
                int total = 0;
                for (String path : PATHS) {
                    int count = binance.calls(path) - baseline.getOrDefault(path, 0);
                    calls.put(path, count);
                    total += count;
                }
                stats.set("calls", Json.MAPPER.valueToTree(calls));
                stats.put("exchange_requests", total);
                stats.put("leader_answer_ms", leader.firstSignalAnswerMillis());
                stats.put("round_trips", roundTrips(binance.requestSpans(), publishedAt[0]));
                List<Long> times = account.orderCallTimes();
                stats.set("order_times_ms", Json.MAPPER.valueToTree(times.subList(Math.min(ordersBefore[0], times.size()), times.size())));
                FakeBinance.send(exchange, 200, stats.toString());
            }
        });
        control.start();
        Files.writeString(Path.of(args[0]), "LEADER_URL=" + leader.url() + "\nBINANCE_BASE_URL=" + binance.baseUrl()
                + "\nRELAY_URL=" + relay.baseUrl()
                + "\nCONTROL_URL=http://127.0.0.1:" + control.getAddress().getPort() + "\n", StandardCharsets.UTF_8);
        System.out.println("stand-ins ready: " + leader.url() + " " + binance.baseUrl());
        // tourne jusqu'à ce que le banc ferme notre entrée standard (ou nous arrête)
        while (System.in.read() >= 0) {
            // rien : on attend la fin du banc
        }
        control.stop(0);
        relay.close();
        leader.close();
        binance.close();
    }

    /**
     * La doublure de la bourse sert d'abord des centaines de prix, lectures de compte et ordres
     * signés : son propre code est alors compilé, et le premier suiveur mesuré ne paie pas la mise
     * en route de la doublure que le second trouverait déjà faite.
     */
    private static void warmUp(FakeBinance binance, String apiKey, String secret) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String symbols = java.net.URLEncoder.encode("[\"" + String.join("\",\"", PAIRS_TRADED) + "\"]", StandardCharsets.UTF_8);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            String order = "symbol=" + PAIRS_TRADED.get(round % PAIRS_TRADED.size())
                    + "&side=BUY&type=MARKET&quoteOrderQty=10&newOrderRespType=FULL&newClientOrderId=warm-" + round;
            for (String[] call : List.of(new String[] {"GET", "/api/v3/ticker/price", "symbols=" + symbols, ""},
                    new String[] {"GET", "/api/v3/account", "", "signed"},
                    new String[] {"POST", "/api/v3/order", order, "signed"})) {
                String query = call[2];
                if (!call[3].isEmpty()) {
                    query += (query.isEmpty() ? "" : "&") + "recvWindow=5000&timestamp=" + binance.serverTime();
                    query += "&signature=" + java.util.HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
                }
                java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(binance.baseUrl() + call[1] + "?" + query))
                        .header("X-MBX-APIKEY", apiKey).method(call[0], java.net.http.HttpRequest.BodyPublishers.noBody()).build();
                int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("stand-in warm-up: " + call[1] + " answered " + status);
                }
            }
        }
    }

    /** Les allers-retours successifs : une requête partie après la fin de toutes les précédentes en ouvre un nouveau. */
    static int roundTrips(List<long[]> spans, long since) {
        List<long[]> sorted = new java.util.ArrayList<>(spans.stream().filter(s -> s[0] >= since).toList());
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        int trips = 0;
        long end = Long.MIN_VALUE;
        for (long[] span : sorted) {
            if (span[0] >= end) {
                trips++;
            }
            end = Math.max(end, span[1]);
        }
        return trips;
    }

    /** Un signal v1 de 5 achats de 2 % chacun : 5 ordres, encore entiers au 9e signal du banc. */
    static String fiveBuys(String id) {
        StringBuilder actions = new StringBuilder();
        for (String pair : PAIRS_TRADED) {
            actions.append(actions.length() == 0 ? "" : ", ")
                    .append("{\"coin\": \"").append(pair).append("\", \"action\": \"BUY\", \"pct_of_capital\": 0.02}");
        }
        return "{\"signal_id\": \"" + id + "\", \"version\": 1, \"confidence\": 0.7, \"reasoning\": \"bench\", "
                + "\"actions\": [" + actions + "]}";
    }
}
