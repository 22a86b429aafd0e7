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
final class RequestOrigin {

    private RequestOrigin() {
    }

    static boolean changesSomething(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE
                || method == HttpMethod.PATCH;
    }

    /**
     * Vrai si le navigateur dit qu'elle vient d'un autre site (Sec-Fetch-Site), ou si Origin (à
     * défaut Referer) nomme un autre hôte que celui de la requête. Sans aucun des trois (curl, un
     * script), elle est acceptée.
     */
    static boolean foreign(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site")) {
            return true;
        }
        // l'hôte demandé : l'en-tête Host en HTTP/1.1, :authority en HTTP/2
        HostAndPort self = request.authority();
        String origin = request.getHeader("Origin");
        if (origin != null) {
            // « null » : une page sandboxée, un fichier local, une redirection d'un autre site
            return !sameHost(origin, self);
        }
        String referer = request.getHeader("Referer");
        return referer != null && !sameHost(referer, self);
    }

    /**
     * L'hôte et le port de l'URL comparés à ceux de la requête ; un port absent est celui du schéma
     * de l'URL (derrière un proxy HTTPS, Origin dit https://nom et Host dit nom).
     */
    private static boolean sameHost(String url, HostAndPort self) {
        if (self == null) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            int selfPort = self.port() >= 0 ? self.port() : port;
            return bare(uri.getHost()).equals(bare(self.host())) && port == selfPort;
        } catch (Exception e) {
            return false;
        }
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
