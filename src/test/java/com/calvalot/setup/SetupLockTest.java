package com.calvalot.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RawHttp;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SetupLog;

/**
 * Dix machines du réseau (127.0.0.60 à 69) donnent chacune cinq mauvais codes d'installation, contre
 * l'application dans une JVM fille aux options du conteneur. Avant, les cinquante échecs fermaient
 * l'installation pour tout le monde jusqu'au redémarrage (et l'attaquant recommençait après chaque
 * redémarrage). Maintenant seules les adresses qui ont échoué sont fermées.
 */
class SetupLockTest {

    @TempDir
    Path dir;

    @Test
    void wrongCodesFromTenAddressesLockOnlyThoseAddresses() {
        Map<String, String> env = RunningApp.setupEnv(dir);
        int port = Integer.parseInt(env.get("PORT"));
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            String code = SetupLog.awaitCode(app);
            String wrong = code.equals("AAAA-AAAA") ? "BBBB-BBBB" : "AAAA-AAAA";
            for (int machine = 60; machine < 70; machine++) {
                for (int i = 0; i < SetupCode.MAX_WRONG; i++) {
                    RawHttp.Answer answer = validate(port, "127.0.0." + machine, wrong);
                    assertEquals(403, answer.status(), answer.body());
                }
            }
            // l'adresse qui a échoué cinq fois reste fermée, même avec le bon code
            RawHttp.Answer locked = validate(port, "127.0.0.60", code);
            assertEquals(429, locked.status(), locked.body());
            assertTrue(locked.body().contains("setup is locked after 5 wrong setup codes"), locked.body());
            // une adresse qui n'a jamais échoué : un mauvais code est un 403, pas un verrou
            assertEquals(403, validate(port, "127.0.0.70", wrong).status());
            // le propriétaire, depuis sa machine, avec le bon code : admis (le leader injoignable est dit en clair)
            RawHttp.Answer owner = validate(port, "127.0.0.1", code);
            assertEquals(200, owner.status(), owner.body());
            assertTrue(owner.body().contains("The leader could not be reached"), owner.body());
            assertEquals(50, SetupLog.count(app, "Setup: a wrong setup code was given from 127.0.0.6"));
        }
    }

    /** POST /api/setup/validate depuis {@code from}, le formulaire de SetupApiTest avec ce code. */
    private static RawHttp.Answer validate(int port, String from, String code) {
        String body = Json.write(SetupApiTest.form(code, "http://127.0.0.1:9"));
        return RawHttp.send(port, from, "POST /api/setup/validate HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }
}
