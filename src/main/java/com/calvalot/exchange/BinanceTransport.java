package com.calvalot.exchange;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Le seul transport HTTP vers Binance (prix publics, compte, ordres) : Apache HttpClient 5, déjà
 * là pour le leader (camel-http), au lieu de deux piles de plus (OkHttp/Kotlin du connecteur et
 * java.net.http). Connexions gardées ouvertes, TCP_NODELAY, aucune relance automatique (un ordre
 * n'est jamais renvoyé dans notre dos), aucune redirection, aucun cookie, réponse plafonnée.
 */
public final class BinanceTransport implements Closeable {

    /** Les réponses utiles font quelques Kio ; au-delà, c'est une panne, pas une réponse. */
    static final int MAX_ANSWER_CHARS = 4 * 1024 * 1024;
    /** Une vague d'ordres part en parallèle : assez de connexions pour qu'aucun n'attende. */
    private static final int CONNECTIONS = 10;

    /** Une réponse : statut, corps, et l'en-tête Retry-After (vide s'il manque). */
    public record Answer(int status, String body, String retryAfter) {
    }

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;

    public BinanceTransport(Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(limit).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(limit).setTimeToLive(Timeout.ofMinutes(5)).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableContentCompression()
                .build();
    }

    /** Lève IOException quand aucune réponse complète n'est arrivée (refus, coupure, délai, réponse démesurée). */
    public Answer send(String method, String url, String apiKey) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url));
        if (apiKey != null) {
            request.addHeader("X-MBX-APIKEY", apiKey);
        }
        return client.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            String body = entity == null ? "" : EntityUtils.toString(entity, MAX_ANSWER_CHARS);
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(response.getCode(), body, retryAfter == null ? "" : retryAfter.getValue());
        });
    }

    @Override
    public void close() {
        connections.close();
    }
}
