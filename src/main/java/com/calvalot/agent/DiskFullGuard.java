package com.calvalot.agent;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.DiskState;

/**
 * Le disque plein (ou remonté en lecture seule) : dès qu'une écriture est refusée, l'agent est en
 * pause ({@link AgentStateRepository#isPaused} le lit en mémoire : aucun nouvel ordre, aucun poll) et
 * l'alerte disk_full part, une fois. À chaque passage, la pause est réécrite (c'est l'essai
 * d'écriture) ; quand elle passe, le disque accepte de nouveau, et au passage suivant la pause
 * {@code disk_full} (elle seule) est levée : le signal resté à mi-chemin est repris par le minuteur
 * de reprise, qui demande à la bourse ce qu'elle a déjà exécuté.
 */
public class DiskFullGuard {

    /** Propriété posée quand l'agent vient de reprendre : la route efface l'alerte. */
    public static final String RESUMED = "diskWritable";
    private static final Logger LOG = LoggerFactory.getLogger(DiskFullGuard.class);

    private final AgentStateRepository agentState;
    private final DiskState disk;
    private volatile boolean alerted;

    public DiskFullGuard(AgentStateRepository agentState, DiskState disk) {
        this.agentState = agentState;
        this.disk = disk;
    }

    /** Le corps de l'alerte disk_full quand le disque vient de refuser une écriture, sinon null. */
    public String check(Exchange exchange) {
        if (disk.full()) {
            String refusal = disk.refusal();
            boolean first = !alerted;
            alerted = true;
            if (first) {
                LOG.warn("The disk refuses database writes ({}): trading paused until writes succeed again", refusal);
            }
            try {
                agentState.pause(AgentStateRepository.DISK_FULL);
                agentState.probeWrite();
                disk.writable();
                LOG.info("Database writes succeed again: the disk_full pause is written, lifted at the next check");
            } catch (RuntimeException stillRefused) {
                // le disque refuse encore : la pause reste tenue en mémoire (DiskState)
            }
            return first ? "disk_full: the database cannot be written (" + refusal + "). Trading is paused and resumes by "
                    + "itself once writes succeed again: free space on the data disk (or remount it read-write)." : null;
        }
        if (alerted || AgentStateRepository.DISK_FULL.equals(agentState.storedPauseReason())) {
            try {
                if (agentState.resumeAfterDiskFull()) {
                    LOG.info("Trading resumed: database writes succeed again");
                }
                alerted = false;
                exchange.setProperty(RESUMED, true);
            } catch (RuntimeException refusedAgain) {
                // refusée de nouveau : DiskState le sait, le prochain passage repart en pause
            }
        }
        return null;
    }
}
