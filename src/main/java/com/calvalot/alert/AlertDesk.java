package com.calvalot.alert;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Le guichet de direct:alert : lit le type d'une alerte (« kind: message », la convention de la
 * route) et ne laisse passer un état (leader injoignable, signal en erreur, drawdown, mort, silence)
 * qu'une fois par occurrence, jusqu'à ce que sa guérison l'efface ({@link #clear}). Les messages
 * d'événement (trades, mise à jour demandée, une fois par version à la source) passent toujours.
 */
public class AlertDesk {

    static final Set<String> STATES = Set.of("no_signal", "leader_unreachable", "signal_error", "drawdown", "dead",
            "balance_drift", "disk_full", "pair_untradeable");
    private static final Logger LOG = LoggerFactory.getLogger(AlertDesk.class);

    /** Les états dits une fois par message (une paire arrêtée de plus est une nouvelle alerte), pas une fois par type. */
    static final Set<String> PER_MESSAGE = Set.of("pair_untradeable");

    private final Set<String> raised = ConcurrentHashMap.newKeySet();

    /** Faux quand l'alerte a déjà été envoyée pour l'occurrence en cours : elle n'est ni journalisée ni renvoyée. */
    public boolean isNew(@Body String alert) {
        String kind = kindOf(alert);
        return !STATES.contains(kind) || raised.add(PER_MESSAGE.contains(kind) ? alert : kind);
    }

    /** La guérison : la prochaine occurrence sera de nouveau envoyée. */
    public void clear(String kind) {
        if (raised.remove(kind) | raised.removeIf(key -> key.startsWith(kind + ":"))) {
            LOG.info("Alert {} cleared", kind);
        }
    }

    /** Les occurrences d'un état dit par message qui ne sont plus vraies ({@code current} : celles qui le sont encore). */
    public void clearAllBut(String kind, Set<String> current) {
        raised.removeIf(key -> key.startsWith(kind + ":") && !current.contains(key));
    }

    /** « kind: message » ; l'ancien texte de la mort (« agent DEAD: … ») est le type dead. */
    static String kindOf(String body) {
        if (body == null) {
            return "alert";
        }
        if (body.startsWith("agent DEAD")) {
            return "dead";
        }
        int colon = body.indexOf(':');
        String kind = colon > 0 ? body.substring(0, colon).strip() : "";
        return kind.matches("[a-z_]{1,40}") ? kind : "alert";
    }
}
