package com.calvalot.security;

import java.net.URI;
import java.util.Locale;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * D'où vient une requête qui change quelque chose (api.md) : de la page du suiveur ou d'un script.
 * Un navigateur renvoie les identifiants Basic qu'il connaît à n'importe quel formulaire : une page
 * d'un autre site qui poste vers le suiveur le ferait agir au nom de son utilisateur.
 */
public final class RequestOrigin {

    private RequestOrigin() {
    }

    static boolean changesSomething(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE
                || method == HttpMethod.PATCH;
    }

    /**
     * Vrai si la requête vient, d'après le navigateur, d'ailleurs que de la page du suiveur.
     * Sec-Fetch-Site, quand il est là, est la parole du navigateur, qui a comparé lui-même l'origine de
     * la page à celle de la cible telle qu'il la voit (derrière un proxy HTTPS compris) : seul
     * {@code same-origin} passe ; {@code same-site} (une autre page du même nom sur un autre port)
     * et {@code cross-site} non ; {@code none} (l'utilisateur lui-même) laisse juger Origin. Sinon
     * Origin (à défaut Referer) doit nommer exactement le schéma, l'hôte et le port de la requête.
     * Sans aucun des trois (curl, un script), elle est acceptée.
     */
    static boolean foreign(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("same-origin")) {
                return false;
            }
            if (!site.equals("none")) {
                return true;
            }
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            // « null » : une page sandboxée, un fichier local, une redirection d'un autre site
            return !sameOrigin(origin, request);
        }
        String referer = request.getHeader("Referer");
        return referer != null && !sameOrigin(referer, request);
    }

    /** D'où vient la requête, pour le log d'un geste qui compte : l'adresse, et l'origine que le navigateur a dite. */
    public static String describe(HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "an unknown address" : request.remoteAddress().host();
        String origin = request.getHeader("Origin");
        String site = request.getHeader("Sec-Fetch-Site");
        if (origin == null && site == null) {
            return address + " (no Origin: a script)";
        }
        return address + " (Origin " + LoginThrottle.printable(origin == null ? "none" : origin) + ", Sec-Fetch-Site "
                + LoginThrottle.printable(site == null ? "none" : site) + ")";
    }

    /**
     * Schéma, hôte et port de l'URL égaux à ceux de la requête. Le schéma de la requête est celui
     * qu'un proxy annonce (X-Forwarded-Proto : une page ne peut pas poser cet en-tête sans l'accord
     * CORS que le suiveur ne donne jamais), sinon le sien ; un port absent, d'un côté ou de l'autre,
     * est celui de son schéma (Host « nom » derrière un proxy sur 443, le suiveur sur le port 80).
     */
    private static boolean sameOrigin(String url, HttpServerRequest request) {
        HostAndPort self = request.authority();
        if (self == null) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String selfScheme = scheme(request);
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            int selfPort = self.port() >= 0 ? self.port() : defaultPort(selfScheme);
            return scheme.equals(selfScheme) && bare(uri.getHost()).equals(bare(self.host())) && port == selfPort;
        } catch (Exception e) {
            return false;
        }
    }

    private static String scheme(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (first.equals("http") || first.equals("https")) {
                return first;
            }
        }
        return request.isSSL() ? "https" : "http";
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** Sans crochets d'IPv6, en minuscules, sans point final. */
    private static String bare(String host) {
        return HostAllowList.normalize(host.replace("[", "").replace("]", ""));
    }

    /**
     * Un corps JSON doit le dire : un formulaire (urlencoded, multipart, text/plain) part sans
     * contrôle préalable du navigateur, une requête application/json non. Sans corps, rien à dire.
     */
    static boolean acceptableBodyType(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null) {
            String length = request.getHeader("Content-Length");
            boolean body = request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
            return !body;
        }
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }
}
