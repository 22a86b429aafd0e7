package com.calvalot.security;

import java.util.Map;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.json.Json;

/**
 * Les erreurs que le routeur Vert.x produit lui-même (corps trop gros, échec d'un gestionnaire) :
 * {"error": …} en JSON avec les en-têtes de sécurité, et une ligne de log pour un 500, sans trace.
 */
final class RouterErrors {

    private static final Logger LOG = LoggerFactory.getLogger(RouterErrors.class);

    private RouterErrors() {
    }

    static void answer(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            Throwable failure = ctx.failure();
            LOG.warn("HTTP {} {} failed: {}", ctx.request().method(), ctx.normalizedPath(),
                    failure == null ? "status " + status : failure.toString());
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String message = switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported content type";
            case 503 -> "service unavailable";
            default -> "internal error";
        };
        if (!ctx.response().headWritten()) {
            SecurityHeaders.putOn(ctx.response(), true);
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        }
        ctx.response().end(Json.write(Map.of("error", message)));
    }
}
