package com.calvalot.setup;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.calvalot.leader.LeaderRequestSigner;

/**
 * Une vraie requête signée au leader, comme le fera le poll (leader-protocol.md) : 200 ou 204 disent
 * que l'adresse et le secret sont bons. Le verdict est dit en mots, sans jamais l'adresse.
 */
public class LeaderCheck {

    /** {@code status} : le code HTTP du leader, null sans réponse ; {@code problem} : null si tout va bien. */
    public record Result(Integer status, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String followerVersion;
    private final Clock clock;
    /** Un seul client (et son fil) pour le processus : l'application se reconstruit après l'installation. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    public LeaderCheck(String followerVersion, Clock clock) {
        this.followerVersion = followerVersion;
        this.clock = clock;
    }

    public Result check(String leaderUrl, String secret) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(leaderUrl.replaceAll("/+$", "") + "/api/signal/latest"))
                    .timeout(TIMEOUT).GET()
                    .header(LeaderRequestSigner.TIMESTAMP, timestamp)
                    .header(LeaderRequestSigner.SIGNATURE, LeaderRequestSigner.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp))
                    .header(LeaderRequestSigner.FOLLOWER_VERSION, followerVersion)
                    .build();
        } catch (IllegalArgumentException e) {
            return new Result(null, "Leader address: not a usable address");
        }
        try {
            HttpResponse<InputStream> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // le corps ne nous apprend rien ici : fermé sans être lu (un leader bavard ne coûte rien)
            answer.body().close();
            return new Result(answer.statusCode(), verdict(answer.statusCode()));
        } catch (HttpTimeoutException e) {
            return new Result(null, "The leader did not answer within " + TIMEOUT.toSeconds() + " s: check the address, or try again later");
        } catch (ConnectException e) {
            return new Result(null, "The leader could not be reached: check the address, and that this machine can reach the internet");
        } catch (IOException e) {
            return new Result(null, "The leader could not be reached (" + e.getClass().getSimpleName()
                    + "): check the address, and that this machine can reach the internet");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "The check of the leader was interrupted");
        }
    }

    static String verdict(int status) {
        if (status == 200 || status == 204) {
            return null;
        }
        if (status == 403) {
            return "The leader refused the signature (HTTP 403): check the signal secret, and this machine's clock "
                    + "(the leader accepts a few minutes of difference)";
        }
        if (status == 404) {
            return "The leader answered HTTP 404: check the address (the leader's base address, without a path), "
                    + "or its operator has switched the signal off";
        }
        if (status >= 300 && status < 400) {
            return "The leader answered with a redirect (HTTP " + status + "): use its final address, https:// included";
        }
        if (status >= 500) {
            return "The leader answered HTTP " + status + ": the problem is on its side, try again later";
        }
        return "The leader answered HTTP " + status + ", which is not a leader's answer: check the address";
    }
}
