package com.calvalot.security;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Le serveur platform-http de Camel sans son port : il crée le routeur Vert.x où les routes
 * platform-http s'inscrivent, mais n'écoute pas lui-même. C'est {@link FrontDoor}, ouverte une fois
 * pour tout le processus avec ses propres bornes (HttpServerOptions), qui lui passe les requêtes :
 * camel-platform-http-main ne laisse régler ni délai d'inactivité, ni taille d'en-têtes, ni plafond
 * de connexions, et fermerait le port à chaque reconstruction de l'application.
 */
final class RoutesOnlyHttpServer extends VertxPlatformHttpServer {

    RoutesOnlyHttpServer(VertxPlatformHttpServerConfiguration configuration) {
        super(configuration);
    }

    /** Aussi posée dans le registre : le moteur platform-http y lit le port qui nomme le routeur. */
    static VertxPlatformHttpServerConfiguration configuration(int port, long maxBodySize) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setPort(port);
        configuration.setBindPort(port);
        configuration.setMaxBodySize(maxBodySize);
        return configuration;
    }

    @Override
    protected void startServer() {
        // rien : la porte d'entrée du processus écoute déjà
    }

    @Override
    protected void stopServer() {
        // rien : la porte reste ouverte pendant la reconstruction (elle répond 503 entre-temps)
    }
}
