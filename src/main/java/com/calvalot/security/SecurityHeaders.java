package com.calvalot.security;

import io.vertx.core.http.HttpServerResponse;

/** Les en-têtes de sécurité posés sur chaque réponse, quelle qu'elle soit (200, 401, 404…). */
public final class SecurityHeaders {

    /** Seule l'origine de l'application : pas de script, style, image ni cadre venu d'ailleurs. */
    public static final String CSP = "default-src 'self'; base-uri 'none'; object-src 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void putOn(HttpServerResponse response, boolean api) {
        response.putHeader("Content-Security-Policy", CSP);
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Referrer-Policy", "no-referrer");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Cross-Origin-Resource-Policy", "same-origin");
        if (api) {
            // des soldes et des ordres : rien dans un cache intermédiaire
            response.putHeader("Cache-Control", "no-store");
        }
    }
}
