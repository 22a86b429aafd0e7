package com.calvalot.config;

import java.nio.file.Path;
import java.time.LocalTime;

/**
 * BACKUP_DIR et BACKUP_AT (configuration.md) : où vont les copies nocturnes de la base, et à quelle
 * heure locale ({@code at} null : BACKUP_AT=off, aucune copie nocturne ; le téléchargement reste).
 */
public record BackupSettings(Path dir, LocalTime at) {

    static BackupSettings from(SettingsReader in, Path dbPath) {
        Path folder = dbPath.toAbsolutePath().normalize().getParent();
        Path dir = in.text("BACKUP_DIR") == null && folder != null ? folder.resolve("backups") : in.path("BACKUP_DIR", "backups");
        String at = in.textOr("BACKUP_AT", "03:30");
        if (at.equalsIgnoreCase("off")) {
            return new BackupSettings(dir, null);
        }
        if (!at.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            throw new SettingsException(in.where("BACKUP_AT") + " must be HH:MM (00:00 to 23:59) or off, got '" + at + "'");
        }
        return new BackupSettings(dir, LocalTime.parse(at));
    }

    public boolean nightly() {
        return at != null;
    }
}
