package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;

/**
 * Un autre programme tient déjà le port : le suiveur s'arrête en quelques secondes, code 2, une
 * seule ligne, sans rien créer (ni base, ni code d'installation, ni appel de la démo à l'autre).
 */
class PortInUseTest {

    @TempDir
    Path dir;

    @Test
    void aTakenPortStopsStartUpWithOneLineAndStatus2() throws Exception {
        // l'« autre programme » : il écoute sur la boucle locale, comme un serveur de développement
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = RunningApp.env(dir);
            env.put("PORT", String.valueOf(other.getLocalPort()));
            env.put("DEMO", "true");
            try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
                assertEquals(2, app.waitForExit(Duration.ofSeconds(20)));
                List<String> lines = app.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(List.of("calv-a-lot: cannot start: port " + other.getLocalPort()
                        + " is in use (set PORT to another one)"), lines, app.stderr());
                assertFalse(app.stdout().contains("Setup:"), app.stdout());
            }
        }
        assertFalse(Files.exists(dir.resolve("calvalot.db")));
        assertFalse(Files.exists(dir.resolve("demo.db")));
    }

    /**
     * Le port pris entre l'essai et l'écoute de la porte du processus (un autre programme plus rapide) :
     * la même ligne, jamais une application qui tournerait sans serveur. Le programme tient ici le port
     * sur toutes les interfaces sans SO_REUSEADDR côté porte : l'essai passe, l'écoute échoue.
     */
    @Test
    void aDoorThatCouldNotListenGivesTheSameLine() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            CannotStart refused = assertThrows(CannotStart.class, () -> HttpPort.openDoor("127.0.0.1", port));
            assertEquals("port " + port + " is in use (set PORT to another one)", refused.getMessage());
        }
    }
}
