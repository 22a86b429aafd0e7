package com.calvalot.leader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.io.EofSensorInputStream;

import com.calvalot.json.Json;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Traduit la réponse du leader (leader-protocol.md, « The answers ») : 200 → le corps JSON lu avec
 * un plafond de taille, qui devient le corps du message ; tout autre statut → un {@link PollOutcome}
 * posé en propriété, jamais une exception. Un corps de 20 Mio est refusé sans remplir le tas.
 */
public class LeaderAnswerReader implements Processor {

    /** Un signal fait quelques Kio ; 1 Mio laisse une marge large sans risque pour un tas de 64 Mio. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final Duration ANSWER_DEADLINE = Duration.ofSeconds(10);

    /** NaN et Infinity sont lus (un leader Python peut les écrire) pour être rejetés avec leur raison. */
    private static final ObjectReader LENIENT_NUMBERS = Json.MAPPER.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    private final AuthFailureStreak authFailures;

    public LeaderAnswerReader(AuthFailureStreak authFailures) {
        this.authFailures = authFailures;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Object raw = message.getBody();
        try (InputStream body = raw == null ? InputStream.nullInputStream() : message.getBody(InputStream.class)) {
            if (status == 403) {
                authFailures.rejected();
            } else {
                authFailures.accepted();
            }
            PollOutcome outcome = switch (status) {
                case 200 -> null;
                case 204 -> PollOutcome.of("no_signal");
                case 403 -> PollOutcome.failed("auth_rejected", "the leader rejected the signature (403)");
                case 404 -> PollOutcome.failed("disabled", "the leader's signal endpoint is disabled (404)");
                default -> PollOutcome.failed("error", "the leader answered HTTP " + status);
            };
            if (outcome != null) {
                exchange.setProperty(PollOutcome.PROPERTY, outcome);
                message.setBody(null);
                return;
            }
            message.setBody(parse(body, exchange));
        }
    }

    private static Object parse(InputStream body, Exchange exchange) throws IOException {
        Long started = exchange.getProperty(LeaderRequestSigner.STARTED_NANOS, Long.class);
        long deadline = (started == null ? System.nanoTime() : started) + ANSWER_DEADLINE.toNanos();
        byte[] bytes;
        try {
            bytes = readCapped(body, deadline);
        } catch (Refused refused) {
            hangUp(body);
            exchange.setProperty(PollOutcome.PROPERTY, refused.outcome);
            return null;
        }
        JsonNode json;
        try {
            json = LENIENT_NUMBERS.readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            exchange.setProperty(PollOutcome.PROPERTY,
                    PollOutcome.failed("error", "the leader's answer is not a JSON object"));
            return null;
        }
        return json;
    }

    /**
     * Lit au plus MAX_BODY_BYTES avant l'échéance (10 s depuis l'envoi de la requête, corps compris :
     * un leader qui distille son corps octet par octet ne retient pas le cycle). Le reste n'est jamais lu.
     */
    static byte[] readCapped(InputStream in, long deadlineNanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > MAX_BODY_BYTES) {
                throw new Refused(PollOutcome.failed("error", "the leader's answer is larger than " + MAX_BODY_BYTES + " bytes"));
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new Refused(PollOutcome.failed("unreachable", "leader unreachable: no answer within 10 s"));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Raccroche sans lire le reste : fermer le flux normalement viderait les 19 Mio restants (ou
     * attendrait un leader qui distille) pour réutiliser la connexion. abort() la jette à la place.
     */
    private static void hangUp(InputStream body) {
        if (body instanceof EofSensorInputStream response) {
            try {
                response.abort();
            } catch (IOException e) {
                // la connexion est jetée de toute façon
            }
        }
    }

    /** Un corps refusé en cours de lecture, avec l'issue du poll qui le dit. */
    static final class Refused extends IOException {
        final transient PollOutcome outcome;

        Refused(PollOutcome outcome) {
            super(outcome.error(), null);
            this.outcome = outcome;
        }
    }
}
