package com.calvalot.leader;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Une exception pendant l'appel au leader devient un statut de poll (via {@link PollFailures}) : {@code unreachable} pour le
 * réseau (refus, délai dépassé, connexion coupée), {@code error} sinon. Le message est écrit par
 * nous : celui de l'exception contient l'adresse du leader, qui ne doit apparaître nulle part.
 */
final class LeaderFailureClassifier {

    private LeaderFailureClassifier() {
    }

    static PollOutcome classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String why = networkReason(t);
            if (why != null) {
                return PollOutcome.failed("unreachable", "leader unreachable: " + why);
            }
        }
        return PollOutcome.failed("error", "the leader call failed ("
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
    }

    private static String networkReason(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof InterruptedIOException) {
            return "no answer within 10 s";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof NoHttpResponseException || t instanceof ConnectionClosedException) {
            return "connection dropped";
        }
        if (t instanceof SSLException) {
            return "TLS handshake failed";
        }
        if (t instanceof SocketException) {
            return "connection dropped";
        }
        return null;
    }
}
