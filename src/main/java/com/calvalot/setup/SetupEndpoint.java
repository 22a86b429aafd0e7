package com.calvalot.setup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.api.ApiException;
import com.calvalot.api.JsonResponses;
import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.config.SettingsFile;
import com.calvalot.json.Json;
import com.calvalot.security.WerkzeugHash;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * /api/setup/* (setup.md) : l'état, la vérification sans rien écrire, l'enregistrement. Chaque POST
 * exige le code ; une fois configuré (par l'environnement, le fichier ou un enregistrement), tout
 * POST répond 409. Rien de ce qui est reçu n'est jamais renvoyé ni journalisé.
 */
public class SetupEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SetupEndpoint.class);

    private final Settings current;
    private final ConfigurationSource source;
    private final SetupCode code;
    private final SetupChecks checks;
    private final UnusedBudget unusedBudget;
    private final Runnable startFollowing;
    private final Runnable committed;
    private final AtomicBoolean saved = new AtomicBoolean();

    /**
     * {@code committed} : appelé dès que config.json est écrit, avant la réponse — à partir de là plus
     * aucune requête n'entre dans cette application sans mot de passe (la porte répond 503 jusqu'à ce
     * que l'application reconstruite, qui exige le nouveau mot de passe, l'ouvre).
     */
    public SetupEndpoint(Settings current, ConfigurationSource source, SetupCode code, SetupChecks checks,
                         UnusedBudget unusedBudget, Runnable startFollowing, Runnable committed) {
        this.current = current;
        this.source = source;
        this.code = code;
        this.checks = checks;
        this.unusedBudget = unusedBudget;
        this.startFollowing = startFollowing;
        this.committed = committed;
    }

    /** Configuré : par l'environnement ou le fichier au démarrage, ou par un enregistrement depuis. */
    public boolean configured() {
        return !current.setupMode() || saved.get();
    }

    /** GET /api/setup/status */
    public void status(Exchange exchange) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("configured", configured());
        answer.put("setup_mode", current.setupMode() && !saved.get());
        JsonResponses.write(exchange, 200, answer);
    }

    /** POST /api/setup/validate : les mêmes vérifications que save, sans rien écrire. */
    public void validate(Exchange exchange) {
        SetupForm form = admit(exchange);
        JsonResponses.write(exchange, 200, checks.run(form, false).answer());
    }

    /** POST /api/setup/save : vérifie tout, écrit config.json, puis l'application repart configurée. */
    public synchronized void save(Exchange exchange) {
        SetupForm form = admit(exchange);
        SetupChecks.Report report = checks.run(form, true);
        if (!report.problems().isEmpty()) {
            List<String> problems = report.problems();
            Map<String, Object> answer = new LinkedHashMap<>(report.answer());
            answer.put("error", (problems.size() == 1 ? "1 problem: " : problems.size() + " problems: ") + String.join("; ", problems));
            answer.put("success", false);
            JsonResponses.write(exchange, 400, answer);
            return;
        }
        Map<String, String> values = form.fileValues(WerkzeugHash.make(form.dashboardPassword()));
        Settings next = source.preview(values);
        Path file = source.settingsFile();
        try {
            // le budget d'abord : un arrêt entre les deux laisse le mode installation, qui recommencera
            unusedBudget.adopt(next);
            SettingsFile.write(file, values);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Setup could not save {}: {}", file, e.getClass().getSimpleName());
            throw new ApiException(500, "the settings could not be written next to the database; check that its folder is writable");
        }
        saved.set(true);
        committed.run();
        LOG.info("Setup saved to {}: {} mode, dashboard user '{}'; following starts now", file,
                next.tradingMode().wireName(), next.apiUser());
        JsonResponses.write(exchange, 200, Map.of("success", true));
        // après la réponse : l'application se reconstruit avec les nouveaux réglages
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                startFollowing.run();
            }
        });
    }

    /** 409 une fois configuré, 429 une fois verrouillé, 403 sans le bon code ; sinon le formulaire lu. */
    private SetupForm admit(Exchange exchange) {
        if (configured()) {
            throw ApiException.conflict("already configured: change config.json or the environment, then restart");
        }
        String address = clientAddress(exchange);
        if (code.locked(address)) {
            throw new ApiException(429, "setup is locked after " + SetupCode.MAX_WRONG + " wrong setup codes; restart the follower for a new code");
        }
        JsonNode body = readBody(exchange);
        SetupForm form = SetupForm.read(body);
        switch (code.check(form.setupCode(), address)) {
            case ACCEPTED -> {
                return form;
            }
            case MISSING -> throw new ApiException(403, "the setup code is required (it is in the follower's log)");
            case LOCKED -> throw new ApiException(429, "setup is locked after " + SetupCode.MAX_WRONG
                    + " wrong setup codes; restart the follower for a new code");
            default -> {
                LOG.warn("Setup: a wrong setup code was given from {}", address);
                throw new ApiException(403, "wrong setup code (see the follower's log)");
            }
        }
    }

    /** L'adresse du client (les mauvais codes sont comptés par adresse). */
    private static String clientAddress(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null
                && http.getRequest().remoteAddress() != null) {
            return http.getRequest().remoteAddress().host();
        }
        return "unknown";
    }

    /** Un corps illisible n'a pas de code : il est refusé comme tel (403), sans autre détail. */
    private static JsonNode readBody(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        try {
            JsonNode body = text == null ? null : Json.MAPPER.readTree(text);
            return body != null && body.isObject() ? body : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
