package com.calvalot.exchange;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
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
    /** Une connexion ouverte d'avance attend sa vague au plus ce temps dans le réservoir. */
    private static final TimeValue WARM_FOR = TimeValue.ofMinutes(1);
    /** Le même chemin pour les requêtes et les connexions ouvertes d'avance (même route, même réservoir). */
    private static final DefaultRoutePlanner ROUTES = new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE);

    /** Une réponse : statut, corps, et l'en-tête Retry-After (vide s'il manque). */
    public record Answer(int status, String body, String retryAfter) {
    }

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final Timeout limit;

    public BinanceTransport(Duration timeout) {
        this.limit = Timeout.of(timeout);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(limit).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(limit).setTimeToLive(Timeout.ofMinutes(5)).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(connections).setRoutePlanner(ROUTES)
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

    /**
     * Ouvre d'avance {@code count} connexions vers {@code baseUrl}, sans aucune requête, pendant que
     * la bourse est lue : la vague d'ordres qui suit les trouve prêtes, sans poignée de main TCP et
     * TLS (deux allers-retours vers Binance) ni vérification d'une connexion restée inactive. Une
     * connexion déjà ouverte et saine est seulement reprise. Toutes sont tenues jusqu'à la dernière
     * (sinon la même serait rendue puis reprise), puis rendues au réservoir ; ne lève jamais : un
     * ordre ouvre lui-même la connexion qui manquerait. Rend la fin de l'ouverture (personne n'a à l'attendre).
     */
    public CompletableFuture<Void> warm(String baseUrl, int count, Executor calls) {
        HttpRoute route;
        try {
            route = ROUTES.determineRoute(HttpHost.create(URI.create(baseUrl)), HttpClientContext.create());
        } catch (HttpException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<ConnectionEndpoint>> opening;
        try {
            opening = IntStream.range(0, count).mapToObj(i -> CompletableFuture.supplyAsync(() -> open(route), calls))
                    .toList();
        } catch (RejectedExecutionException e) {
            // l'application s'arrête : plus rien à préparer
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            opening.forEach(endpoint -> endpoint.thenAccept(this::giveBack));
            return null;
        });
    }

    private ConnectionEndpoint open(HttpRoute route) {
        ConnectionEndpoint endpoint;
        try {
            endpoint = connections.lease("warm", route, limit, null).get(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        try {
            if (!endpoint.isConnected()) {
                connections.connect(endpoint, null, HttpClientContext.create());
            }
            return endpoint;
        } catch (IOException e) {
            // une connexion ratée ne reste pas au réservoir
            endpoint.close(CloseMode.IMMEDIATE);
            giveBack(endpoint);
            throw new UncheckedIOException(e);
        }
    }

    /** Une connexion ouverte reste au réservoir ({@link #WARM_FOR}), une connexion fermée en sort. */
    private void giveBack(ConnectionEndpoint endpoint) {
        connections.release(endpoint, null, WARM_FOR);
    }

    /** Les connexions ouvertes, en service ou au repos (pour les tests). */
    int openConnections() {
        return connections.getTotalStats().getLeased() + connections.getTotalStats().getAvailable();
    }

    /** Les connexions ouvertes au repos dans le réservoir (pour les tests). */
    int idleConnections() {
        return connections.getTotalStats().getAvailable();
    }

    @Override
    public void close() {
        connections.close();
    }
}
