package com.calvalot.api;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.calvalot.json.Json;

/**
 * La dernière route du routeur Vert.x : aucune route n'a pris la requête. Si une route connaît ce
 * chemin pour d'autres méthodes, 405 (avec Allow) ; sinon 404. En JSON {"error": …}, comme toute
 * erreur de l'API.
 */
public final class UnmatchedRequests implements Handler<RoutingContext> {

    private final Router router;

    public UnmatchedRequests(Router router) {
        this.router = router;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Set<String> allowed = methodsFor(ctx.normalizedPath());
        if (allowed.isEmpty()) {
            answer(ctx, 404, "not found");
        } else {
            ctx.response().putHeader("Allow", String.join(", ", allowed));
            answer(ctx, 405, "method " + ctx.request().method().name() + " not allowed here");
        }
    }

    private static void answer(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.write(Map.of("error", message)));
    }

    /** Les méthodes des routes dont le chemin correspond (vide : chemin inconnu). */
    private Set<String> methodsFor(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null || route.isRegexPath() || !matches(route, path)) {
                continue;
            }
            Set<HttpMethod> methods = route.methods();
            if (methods == null || methods.isEmpty()) {
                return Set.of();
            }
            methods.forEach(m -> allowed.add(m.name()));
        }
        // HEAD est servi partout où GET l'est (HttpGuardInstaller)
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return allowed;
    }

    static boolean matches(Route route, String path) {
        String pattern = route.getPath();
        if (!route.isExactPath()) {
            return path.startsWith(pattern);
        }
        String[] want = trim(pattern).split("/", -1);
        String[] got = trim(path).split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean parameter = want[i].startsWith(":") && !got[i].isEmpty();
            if (!parameter && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
