package com.calvalot.security;

import java.time.Clock;
import java.util.Map;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import com.calvalot.json.Json;

/**
 * Le premier gestionnaire Vert.x de chaque requête, dans cet ordre : en-têtes de sécurité ; un
 * hôte inconnu refusé (421, DNS rebinding) ; en mode installation, seulement la page d'installation ;
 * une requête qui change quelque chose venue d'un autre site (403) ou dont le corps ne se dit pas
 * JSON (415) ; puis, si API_PASSWORD_HASH est posé, l'authentification Basic — sauf /health et
 * /demo/… (le leader et le marché de démonstration, qui portent leur propre HMAC).
 */
public final class HttpGuard implements Handler<RoutingContext> {

    public static final String REALM_CHALLENGE = "Basic realm=\"calv-a-lot\"";

    /** null quand l'authentification est coupée. */
    private final BasicAuthGate gate;
    private final HostAllowList hosts;
    private final boolean setupMode;
    private final LoginThrottle throttle;
    private final HashingLanes hashing = new HashingLanes();

    public HttpGuard(BasicAuthGate gate, HostAllowList hosts, boolean setupMode, Clock clock) {
        this.gate = gate;
        this.hosts = hosts;
        this.setupMode = setupMode;
        this.throttle = new LoginThrottle(clock);
    }

    @Override
    public void handle(RoutingContext ctx) {
        // le chemin normalisé : "/demo/../api/budget" est "/api/budget", pas un chemin public
        String path = ctx.normalizedPath();
        boolean api = path.startsWith("/api/") || path.equals("/api");
        ctx.addHeadersEndHandler(ignored -> SecurityHeaders.putOn(ctx.response(), api));
        HttpServerRequest request = ctx.request();
        HostAndPort authority = request.authority();
        if (authority == null || !hosts.allows(authority.host())) {
            String host = authority == null ? "" : LoginThrottle.printable(authority.host());
            refuse(ctx, 421, "this server does not answer to the host name '" + host
                    + "': use its IP address, or add the name to ALLOWED_HOSTS");
            return;
        }
        if (setupMode && !servedDuringSetup(path)) {
            refuse(ctx, 403, "the follower is not set up yet: open /setup");
            return;
        }
        if (RequestOrigin.changesSomething(request.method())) {
            if (RequestOrigin.foreign(request)) {
                refuse(ctx, 403, "cross-site request refused: use the follower's own page, or a script");
                return;
            }
            if (!path.startsWith("/demo/") && !RequestOrigin.acceptableBodyType(request)) {
                refuse(ctx, 415, "the body must be JSON, sent with Content-Type: application/json");
                return;
            }
        }
        if (gate == null || isPublic(path)) {
            ctx.next();
            return;
        }
        authenticate(ctx);
    }

    private void authenticate(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (gate.remembers(authorization)) {
            ctx.next();
            return;
        }
        if (BasicAuthGate.decode(authorization) == null) {
            // pas d'en-tête, ou pas un Basic lisible : aucun mot de passe essayé, rien à hacher ni à compter
            Unauthorized.answer(ctx.request(), ctx.response());
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
        LoginThrottle.Decision decision = throttle.begin(address);
        if (!decision.allowed()) {
            tooMany(ctx, decision.retryAfterSeconds(), decision.message());
            return;
        }
        // le hachage est lent : jamais sur la boucle d'événements, ni sur les fils de travail de Vert.x
        // (une rafale de mauvais mots de passe affamerait /health) ; le corps attend (pause), sinon
        // il serait lu et perdu avant que le gestionnaire de corps de Camel ne le demande
        ctx.request().pause();
        Context context = ctx.vertx().getOrCreateContext();
        boolean queued = hashing.offer(decision.lane(), decision.network(), () -> {
            if (ctx.response().closed()) {
                // parti pendant l'attente : pas de hachage pour personne, rien de compté
                context.runOnContext(ignored -> throttle.abandoned(address));
                return;
            }
            boolean ok;
            try {
                ok = gate.check(authorization);
            } catch (RuntimeException e) {
                // un hachage qui échoue vaut un refus, comme avant (jamais une trace au log)
                ok = false;
            }
            boolean accepted = ok;
            context.runOnContext(ignored -> answer(ctx, address, authorization, accepted));
        });
        if (!queued) {
            throttle.abandoned(address);
            ctx.request().resume();
            tooMany(ctx, 1, "too many password checks at once; try again in a second");
        }
    }

    private void answer(RoutingContext ctx, String address, String authorization, boolean accepted) {
        if (accepted) {
            throttle.succeeded(address);
            ctx.next();
        } else {
            throttle.failed(address, BasicAuthGate.userOf(authorization));
            Unauthorized.answer(ctx.request(), ctx.response());
            ctx.request().resume();
        }
    }

    static boolean isPublic(String path) {
        return path.equals("/health") || path.startsWith("/demo/");
    }

    /** En mode installation : la page, son API, /health, les fichiers de la page, et / qui y mène. */
    static boolean servedDuringSetup(String path) {
        return path.equals("/") || path.equals("/health") || path.equals("/setup") || path.startsWith("/api/setup/")
                || path.startsWith("/assets/");
    }

    private static void tooMany(RoutingContext ctx, long retryAfterSeconds, String message) {
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        refuse(ctx, 429, message);
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        HttpServerResponse response = ctx.response();
        if (!response.ended()) {
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Json.write(Map.of("error", message)));
        }
    }
}
