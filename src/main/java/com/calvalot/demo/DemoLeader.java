package com.calvalot.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.api.JsonResponses;
import com.calvalot.leader.LeaderRequestSigner;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Le leader de la démo, servi sur /demo/leader/api/signal/latest : il parle exactement le protocole
 * (HMAC vérifié avec le secret généré au démarrage, fenêtre de 300 s, 403 sinon ; 204 avant son
 * premier signal), pour que la vraie route de poll, la signature, la validation et la
 * déduplication servent telles quelles.
 */
public class DemoLeader {

    static final long FRESHNESS_SECONDS = 300;

    private final byte[] secret;
    private final DemoSignals signals;
    private final Clock clock;

    public DemoLeader(String secret, DemoSignals signals, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.signals = signals;
        this.clock = clock;
    }

    public void answer(Exchange exchange) {
        Message in = exchange.getMessage();
        String timestamp = in.getHeader(LeaderRequestSigner.TIMESTAMP, String.class);
        String signature = in.getHeader(LeaderRequestSigner.SIGNATURE, String.class);
        if (!accepted(timestamp, signature)) {
            JsonResponses.error(exchange, 403, "invalid signature");
            return;
        }
        JsonNode latest = signals.latest(clock.instant());
        if (latest == null) {
            in.removeHeaders("*");
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            in.setBody(null);
            return;
        }
        JsonResponses.write(exchange, 200, latest);
    }

    private boolean accepted(String timestamp, String signature) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long age = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        byte[] expected = LeaderRequestSigner.sign(secret, timestamp).getBytes(StandardCharsets.UTF_8);
        return age <= FRESHNESS_SECONDS && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
