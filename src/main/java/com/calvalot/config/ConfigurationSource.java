package com.calvalot.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * D'où viennent les réglages : l'environnement du processus, puis config.json à côté de la base
 * (DB_PATH ne se lit que dans l'environnement), puis les défauts. Relu à chaque (re)démarrage de
 * l'application, y compris celui qui suit l'enregistrement de la page d'installation.
 */
public final class ConfigurationSource {

    private final Map<String, String> env;
    private final String projectVersion;

    public ConfigurationSource(Map<String, String> env, String projectVersion) {
        this.env = Map.copyOf(env);
        this.projectVersion = projectVersion;
    }

    /** Le fichier de réglages de ce processus. */
    public Path settingsFile() {
        String db = env.get("DB_PATH");
        return SettingsFile.nextTo(Path.of(db == null || db.isBlank() ? Settings.DEFAULT_DB_PATH : db.trim()));
    }

    /** Les réglages en vigueur : environnement, fichier, défauts. */
    public Settings load() {
        TimeZoneSetting.check(env.get("TZ"));
        Path file = settingsFile();
        return Settings.from(env, SettingsFile.read(file), file, projectVersion);
    }

    /** Les réglages qu'on aurait si le fichier contenait ces valeurs (la page d'installation, avant d'écrire). */
    public Settings preview(Map<String, String> fileValues) {
        return Settings.from(env, fileValues, settingsFile(), projectVersion);
    }

    /** La valeur (non vide) de l'environnement, qui l'emporte sur le fichier ; null si elle n'y est pas. */
    public String environmentValue(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
