package com.calvalot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Les routes YAML du dossier ROUTES_DIR (*.yaml, dans l'ordre des noms), chargées une fois au
 * démarrage par le chargeur de routes de Camel : les configurations de routes (errors.camel.yaml)
 * passent avant les routes, comme avec le collecteur de camel-main.
 */
final class RoutesFolder {

    private RoutesFolder() {
    }

    static void load(CamelContext context, Path folder) {
        List<Resource> resources;
        try (Stream<Path> files = Files.list(folder)) {
            resources = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(f -> ResourceHelper.resolveResource(context, "file:" + f)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
    }
}
