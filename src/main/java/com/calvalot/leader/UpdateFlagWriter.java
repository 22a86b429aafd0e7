package com.calvalot.leader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.signal.Signal;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Quand le leader demande une mise à jour ({@code update.required}), écrit le fichier
 * {@code UPDATE_REQUESTED} à côté de la base (leader-protocol.md, « Update requests »), une seule
 * fois par {@code latest_version} : un outil externe qui l'efface n'est pas relancé en boucle.
 * Le suiveur ne se met jamais à jour lui-même.
 */
public class UpdateFlagWriter {

    public static final String FILE_NAME = "UPDATE_REQUESTED";
    /**
     * Posée sur l'échange quand le fichier drapeau vient d'être écrit : la version demandée. Le flux
     * des alertes la lit (alert dépend de leader, jamais l'inverse).
     */
    public static final String UPDATE_REQUESTED = "updateRequested";
    private static final Logger LOG = LoggerFactory.getLogger(UpdateFlagWriter.class);

    private final Path flag;
    private final String currentVersion;
    private final AgentStateRepository agentState;

    public UpdateFlagWriter(Path dbPath, String currentVersion, AgentStateRepository agentState) {
        Path folder = dbPath.toAbsolutePath().getParent();
        this.flag = folder.resolve(FILE_NAME);
        this.currentVersion = currentVersion;
        this.agentState = agentState;
    }

    /**
     * Après toute réponse JSON du leader (signal exécuté, rejeté pour une autre règle ou déjà vu) :
     * l'objet update est lu dès qu'il se lit, c'est quand le leader parle un format plus récent
     * que le suiveur doit justement être mis à jour.
     */
    public void afterAnswer(Exchange exchange) {
        JsonNode answer = exchange.getProperty(SignalValidator.JSON, JsonNode.class);
        Signal.UpdateRequest update = answer == null ? null : SignalValidator.update(answer.get("update"));
        if (update == null || !update.required()) {
            return;
        }
        String latest = update.latestVersion() == null ? "unknown" : update.latestVersion();
        if (latest.equals(agentState.updateFlagVersion())) {
            return;
        }
        try {
            Path temp = flag.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temp, "latest=" + oneLine(latest) + "\ncurrent=" + oneLine(currentVersion) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, flag, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            agentState.setUpdateFlagVersion(latest);
            exchange.setProperty(UPDATE_REQUESTED, oneLine(latest));
            LOG.info("The leader asks for an update to {}: wrote {}", oneLine(latest), flag.getFileName());
        } catch (IOException e) {
            LOG.warn("Cannot write the {} flag file: {}", FILE_NAME, e.getMessage());
        }
    }

    /** Une version venue du leader ne doit pas injecter de lignes dans le fichier. */
    private static String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n]", " ").strip();
        return line.length() <= 64 ? line : line.substring(0, 64);
    }
}
