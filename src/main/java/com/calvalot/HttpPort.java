package com.calvalot;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import com.calvalot.security.FrontDoor;

/**
 * Le port HTTP doit être à nous. Sinon l'application tournerait sans serveur (et la démo parlerait au
 * programme qui tient le port) : on essaie donc le port avant de rien créer, puis la porte du
 * processus l'ouvre ; un échec de l'un ou de l'autre est la même ligne claire.
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

    /**
     * La porte HTTP du processus (security.FrontDoor), ouverte une fois : le port est d'abord essayé
     * (une ligne claire plutôt qu'une pile de Vert.x), puis un port pris entre l'essai et l'écoute donne
     * la même ligne.
     */
    static FrontDoor openDoor(String host, int port) {
        requireFree(port);
        try {
            return FrontDoor.listen(host, port);
        } catch (IllegalStateException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BindException) {
                    throw inUse(port);
                }
            }
            throw e;
        }
    }
}
