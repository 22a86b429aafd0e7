package com.calvalot;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Le port HTTP doit être à nous. Vert.x n'échoue qu'en journalisant une pile, puis l'application
 * tournerait sans serveur (et la démo parlerait au programme qui tient le port) : on essaie donc le
 * port avant de rien créer, et on vérifie après le démarrage que le serveur écoute bien.
 */
final class HttpPort {

    /** Comme platform-http : toutes les interfaces, SO_REUSEADDR (un ancien TIME_WAIT ne gêne pas). */
    static final String BIND_HOST = "0.0.0.0";

    private HttpPort() {
    }

    static void requireFree(int port) {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(BIND_HOST, port));
        } catch (BindException e) {
            throw inUse(port);
        } catch (IOException e) {
            throw new CannotStart("cannot listen on port " + port + " (" + e.getMessage() + "; set PORT to another one)");
        }
    }

    static CannotStart inUse(int port) {
        return new CannotStart("port " + port + " is in use (set PORT to another one)");
    }

    /** Après le démarrage : un serveur qui n'a pas pu écouter (port pris entre-temps) arrête tout. */
    static StartupListener listening(int port) {
        return new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // rien : le serveur HTTP démarre avec le contexte, on regarde une fois tout démarré
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                        VertxPlatformHttpRouter.getRouterNameFromPort(port));
                // actualPort() rend le port demandé même sans écoute : seul isListening() le dit
                if (router != null && router.getServer() != null
                        && router.getServer().getServer() instanceof TCPServerBase server && !server.isListening()) {
                    throw inUse(port);
                }
            }
        };
    }
}
