package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
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

    /** Le port pris entre l'essai et l'écoute de Vert.x : le démarrage échoue au lieu de tourner sans serveur. */
    @Test
    void aServerThatCouldNotListenStopsTheApp() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            Main main = new Main();
            main.addInitialProperty("camel.server.port", String.valueOf(port));
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/ping").setBody(constant("pong"));
                }
            });
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterConfigure(BaseMainSupport configured) {
                    try {
                        configured.getCamelContext().addStartupListener(HttpPort.listening(port));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            try {
                Exception failed = assertThrows(Exception.class, main::start);
                CannotStart refused = CalvALot.refusal(failed);
                assertNotNull(refused, failed.toString());
                assertEquals("port " + port + " is in use (set PORT to another one)", refused.getMessage());
            } finally {
                main.stop();
            }
        }
    }
}
