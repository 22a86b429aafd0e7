package com.calvalot.security;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Le premier gestionnaire Vert.x de chaque requête : en-têtes de sécurité sur la réponse, puis,
 * si API_PASSWORD_HASH est posé, l'authentification Basic — sauf /health et /demo/… (le leader et
 * le marché de démonstration, qui portent leur propre HMAC).
 */
public final class HttpGuard implements Handler<RoutingContext> {

    public static final String REALM_CHALLENGE = "Basic realm=\"calv-a-lot\"";

    /** null quand l'authentification est coupée. */
    private final BasicAuthGate gate;

    public HttpGuard(BasicAuthGate gate) {
        this.gate = gate;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // le chemin normalisé : "/demo/../api/budget" est "/api/budget", pas un chemin public
        String path = ctx.normalizedPath();
        boolean api = path.startsWith("/api/") || path.equals("/api");
        ctx.addHeadersEndHandler(ignored -> SecurityHeaders.putOn(ctx.response(), api));
        if (gate == null || isPublic(path)) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader("Authorization");
        if (gate.remembers(authorization)) {
            ctx.next();
            return;
        }
        if (authorization == null) {
            refuse(ctx.response());
            return;
        }
        // le hachage est lent : jamais sur la boucle d'événements ; le corps attend (pause), sinon
        // il serait lu et perdu avant que le gestionnaire de corps de Camel ne le demande
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> gate.check(authorization), false).onComplete(result -> {
            if (result.succeeded() && Boolean.TRUE.equals(result.result())) {
                ctx.next();
            } else {
                refuse(ctx.response());
                ctx.request().resume();
            }
        });
    }

    static boolean isPublic(String path) {
        return path.equals("/health") || path.startsWith("/demo/");
    }

    /** 401, le défi Basic, et rien d'autre. */
    private static void refuse(HttpServerResponse response) {
        if (!response.ended()) {
            response.setStatusCode(401).putHeader("WWW-Authenticate", REALM_CHALLENGE).end();
        }
    }
}
