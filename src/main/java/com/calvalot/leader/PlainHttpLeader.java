package com.calvalot.leader;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Un LEADER_URL en http:// vers un hôte qui n'est pas sur un réseau privé : les réponses du leader
 * ne sont pas signées, et sans TLS n'importe quel intermédiaire pourrait y glisser un signal. Dit une
 * fois au démarrage (sans l'adresse : elle ne paraît dans aucun log). Aucune résolution DNS.
 */
final class PlainHttpLeader {

    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpLeader.class);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

    private PlainHttpLeader() {
    }

    static void warnIfPublic(String leaderUrl) {
        if (leaderUrl != null && isPlainAndPublic(leaderUrl)) {
            LOG.warn("LEADER_URL uses http:// to a host that is not on a private network: the leader's answers are "
                    + "not authenticated, so anyone on the way could send a signal; use https://");
        }
    }

    static boolean isPlainAndPublic(String leaderUrl) {
        URI uri;
        try {
            uri = new URI(leaderUrl);
        } catch (Exception e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (IP_LITERAL.matcher(host).matches()) {
            try {
                InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
                boolean uniqueLocal = address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc;
                return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || uniqueLocal);
            } catch (Exception e) {
                return false;
            }
        }
        // un nom d'une seule étiquette (un service Docker : cashalot) ou d'un domaine local
        return host.contains(".") && !(host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".lan") || host.endsWith(".home.arpa") || host.endsWith(".internal"));
    }
}
