package com.calvalot;

import javax.net.ssl.SSLContext;

/**
 * Au démarrage, le fil principal fait tout dans l'ordre (porte HTTP et Vert.x, base, routes) sur une
 * machine qui a souvent deux cœurs. Ce fil d'appoint prépare en parallèle ce que le fil principal
 * demandera plus tard : le contexte TLS par défaut (lecture du magasin de certificats, ~100 ms que
 * camel-http paie en créant l'appel au leader), le chargeur des routes YAML et les classes des
 * appels sortants (celles de l'e-mail ne sont chargées que si SMTP_* est réglé : route alert-email).
 * Pas celles de Vert.x : la porte HTTP les charge d'abord, sur le fil principal.
 * Il ne fait que charger : un échec ici ne change rien, le fil principal refera le travail.
 */
final class StartupWarmup {

    /** Des classes « feuilles » : les charger charge leurs parents et leurs interfaces. */
    static final String[] CLASSES = {
        "org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader",
        "org.apache.camel.dsl.yaml.deserializers.ModelDeserializers",
        "org.snakeyaml.engine.v2.scanner.ScannerImpl",
        "org.apache.camel.reifier.RouteReifier",
        "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer",
        "org.apache.hc.client5.http.impl.classic.HttpClientBuilder",
        "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager",
        "org.apache.camel.component.http.HttpProducer",
    };

    private StartupWarmup() {
    }

    static void begin() {
        Thread thread = new Thread(StartupWarmup::run, "startup-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        try {
            SSLContext.getDefault();
        } catch (Exception | LinkageError e) {
            // rien : camel-http le refera (et dira l'erreur) en temps voulu
        }
        ClassLoader loader = StartupWarmup.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // une bibliothèque retirée : rien à préparer
            }
        }
    }
}
