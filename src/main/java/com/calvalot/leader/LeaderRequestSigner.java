package com.calvalot.leader;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signe chaque requête au leader (leader-protocol.md) : un horodatage frais en secondes Unix,
 * sa signature HMAC-SHA256 en hexadécimal minuscule avec SIGNAL_SECRET, et la version du suiveur.
 * Les en-têtes du message sont d'abord vidés : rien d'interne ne part chez le leader.
 */
public class LeaderRequestSigner implements Processor {

    public static final String TIMESTAMP = "X-Signal-Timestamp";
    public static final String SIGNATURE = "X-Signal-Signature";
    public static final String FOLLOWER_VERSION = "X-Follower-Version";
    /** Propriété d'échange : l'instant (System.nanoTime) de l'envoi, d'où part l'échéance de 10 s. */
    public static final String STARTED_NANOS = "leaderRequestStartedNanos";

    private final byte[] secret;
    private final String followerVersion;
    private final Clock clock;

    public LeaderRequestSigner(String secret, String followerVersion, Clock clock) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.followerVersion = followerVersion;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(TIMESTAMP, timestamp);
        message.setHeader(SIGNATURE, sign(secret, timestamp));
        message.setHeader(FOLLOWER_VERSION, followerVersion);
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
    }

    /** HMAC-SHA256(clé = secret, message = l'horodatage en texte), en hexadécimal minuscule. */
    public static String sign(byte[] secret, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
