package com.calvalot.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * TZ, lu par la JVM elle-même avant nous (l'heure du journal, de la copie de la nuit, du résumé du
 * jour) : un nom inconnu ferait partir la JVM sur GMT sans rien dire. Un nom de la base tz (Europe/Paris,
 * UTC, Etc/GMT-2), ou le chemin d'un fichier de zone (« :/etc/localtime »), sinon une ligne.
 */
final class TimeZoneSetting {

    private TimeZoneSetting() {
    }

    static void check(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String name = value.trim().startsWith(":") ? value.trim().substring(1) : value.trim();
        if (name.startsWith("/") && Files.isRegularFile(Path.of(name))) {
            return;
        }
        try {
            ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new SettingsException("TZ must be a time zone name such as UTC, Europe/Paris or America/New_York "
                    + "(the tz database), got '" + value.trim() + "'");
        }
    }
}
