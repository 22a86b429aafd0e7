package com.calvalot.security;

import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Pose {@link HttpGuard} en tête du routeur Vert.x de platform-http, avant que la moindre route
 * Camel ne réponde : un ordre très bas le place devant toutes les routes, quel que soit l'ordre
 * d'ajout.
 */
public final class HttpGuardInstaller implements StartupListener {

    static final int FIRST = Integer.MIN_VALUE + 1;

    private final HttpGuard guard;
    private final Function<Router, Handler<RoutingContext>> unmatched;
    private boolean installed;

    private final int port;

    public HttpGuardInstaller(HttpGuard guard, Function<Router, Handler<RoutingContext>> unmatched, int port) {
        this.guard = guard;
        this.unmatched = unmatched;
        this.port = port;
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        install(context);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        install(context);
    }

    /** Sans garde, rien ne doit servir : l'application ne démarre pas. */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        install(context);
        if (!installed) {
            throw new IllegalStateException("the HTTP security guard could not be installed on platform-http");
        }
    }

    private synchronized void install(CamelContext context) {
        if (installed) {
            return;
        }
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        // HEAD répond partout où GET répond (les sondes de disponibilité l'envoient par défaut) :
        // la requête est routée comme un GET ; Vert.x n'écrit pas le corps d'une réponse à un HEAD
        router.route().order(Integer.MIN_VALUE).method(HttpMethod.HEAD)
                .handler(ctx -> ctx.reroute(HttpMethod.GET, ctx.request().uri()));
        router.route().order(FIRST).handler(guard);
        router.route().last().handler(unmatched.apply(router));
        installed = true;
    }

    public boolean isInstalled() {
        return installed;
    }
}
