package com.calvalot.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import com.calvalot.json.Json;

/**
 * La réponse 401 : le défi Basic, et un corps qui dit quoi faire. Un navigateur (qui demande du
 * text/html) reçoit une courte page, affichée quand on annule la demande de mot de passe ; tout autre
 * client (le tableau de bord lui-même, curl, un script) le {"error": …} JSON de toutes les erreurs de l'API.
 * Rien de la requête n'y est recopié : ni l'utilisateur essayé, ni l'adresse, ni aucun secret.
 */
final class Unauthorized {

    static final String MESSAGE = "sign-in required: send the dashboard's user and password (HTTP Basic auth)";
    private static final String JSON = Json.write(java.util.Map.of("error", MESSAGE));

    /** Sans style ni script (la CSP default-src 'self' les refuserait, et les fichiers de la page sont derrière le mot de passe). */
    static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="referrer" content="no-referrer">
            <title>Calv-a-lot: sign in</title>
            </head>
            <body>
            <h1>Calv-a-lot: sign in to see this follower</h1>
            <p>The user and password were missing or not accepted.</p>
            <ul>
            <li><a href="/">Try again</a>: your browser asks for the user and password once more. They are the ones chosen
            on the setup page (or set as <code>API_USER</code> and <code>API_PASSWORD_HASH</code>).</li>
            <li>After several wrong passwords from one address, the follower makes it wait before it checks again.</li>
            <li>Forgot the password? On the machine that runs the follower, make a new hash with
            <code>docker compose run --rm calvalot hash-password</code>, put it as <code>API_PASSWORD_HASH</code> in
            <code>data/config.json</code> (or in <code>.env</code>, between single quotes), then restart the follower.
            See <code>docs/security.md</code>, "Passwords and access".</li>
            </ul>
            </body>
            </html>
            """;

    private Unauthorized() {
    }

    /** 401, le défi Basic, et la page ou le JSON selon ce que le client demande. */
    static void answer(HttpServerRequest request, HttpServerResponse response) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(401).putHeader("WWW-Authenticate", HttpGuard.REALM_CHALLENGE);
        if (wantsPage(request.getHeader(HttpHeaders.ACCEPT))) {
            response.putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE);
        } else {
            response.putHeader("Content-Type", "application/json").end(JSON);
        }
    }

    /** Un navigateur qui ouvre une page demande text/html ; fetch() du tableau de bord demande du JSON. */
    static boolean wantsPage(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
    }
}
