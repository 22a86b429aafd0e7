package com.calvalot.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;

import org.apache.camel.main.Main;

import com.calvalot.config.BackupSettings;
import com.calvalot.config.SettingsException;
import com.calvalot.db.BackupFolder;

/** Les beans des copies de la base : la copie de la nuit, le téléchargement, la dernière copie. */
public final class BackupBeans {

    private BackupBeans() {
    }

    /** BACKUP_DIR doit pouvoir être créé et écrit par ce processus : sinon une ligne qui le nomme. */
    public static void checkSettings(BackupSettings settings) {
        Path dir = settings.dir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new SettingsException("BACKUP_DIR (" + dir + ") must be a folder this process can create: " + e.getMessage());
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new SettingsException("BACKUP_DIR (" + dir + ") must be a folder this process can write (uid and permissions)");
        }
    }

    public static void bind(Main main, BackupSettings settings, DataSource dataSource, Clock clock) {
        BackupFolder folder = new BackupFolder(settings.dir());
        NightlyBackup nightly = new NightlyBackup(dataSource, folder, settings.at(), clock, ZoneId.systemDefault());
        main.bind("nightlyBackup", nightly);
        main.bind("backupDownload", new BackupDownload(dataSource, folder, clock));
        main.bind("backupLatest", new BackupDownload.Latest(nightly));
        main.bind("backupFailures", new BackupFailures());
        main.addInitialProperty("backup.nightly", String.valueOf(settings.nightly()));
        // une minute entre deux regards sur l'heure ; les tests la raccourcissent
        main.addInitialProperty("backup.check.ms", String.valueOf(Long.getLong("calvalot.backup.checkMs", 60_000)));
    }
}
