package com.calvalot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.AppVersion;
import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;
import com.calvalot.db.BackupFolder;

/** L'élagage des copies (7 jours + 4 semaines, rien d'autre touché) et les réglages BACKUP_DIR/BACKUP_AT. */
class BackupRetentionTest {

    @TempDir
    Path dir;

    @Test
    void sevenDailyAndFourWeeklyCopiesAreKeptAndNothingElseIsTouched() throws Exception {
        BackupFolder folder = new BackupFolder(dir);
        // 60 nuits, du dimanche 2026-10-04 au jeudi 2026-12-03
        LocalDate last = LocalDate.of(2026, 12, 3);
        for (int i = 0; i < 60; i++) {
            Files.writeString(folder.daily(last.minusDays(i)), "x");
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("calvalot-2026-13-45.db"), "not a date");
        folder.prune();
        List<LocalDate> kept = folder.list().stream().map(BackupFolder.Backup::day).toList();
        assertEquals(List.of(
                // les 7 derniers jours
                LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 27),
                // puis la plus récente de chacune des 4 semaines d'avant (lundi-dimanche)
                LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 8)),
                kept);
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertTrue(Files.exists(dir.resolve("calvalot-2026-13-45.db")));
    }

    @Test
    void aSingleCopyIsNeverRemoved() throws Exception {
        BackupFolder folder = new BackupFolder(dir);
        Files.writeString(folder.daily(LocalDate.of(2020, 1, 1)), "x");
        folder.prune();
        assertEquals(1, folder.list().size());
    }

    @Test
    void backupSettingsHaveDefaultsNextToTheDatabaseAndOneLineErrors() throws Exception {
        Settings settings = Settings.from(Map.of("DB_PATH", dir.resolve("data/calvalot.db").toString()), AppVersion.project());
        assertEquals(dir.resolve("data/backups"), settings.backup().dir());
        assertEquals("03:30", settings.backup().at().toString());
        assertEquals(null, Settings.from(Map.of("BACKUP_AT", "off"), "x").backup().at());
        SettingsException bad = org.junit.jupiter.api.Assertions.assertThrows(SettingsException.class,
                () -> Settings.from(Map.of("BACKUP_AT", "3h30"), "x"));
        assertEquals("BACKUP_AT must be HH:MM (00:00 to 23:59) or off, got '3h30'", bad.getMessage());
        Files.writeString(dir.resolve("a-file"), "x");
        Settings blocked = Settings.from(Map.of("BACKUP_DIR", dir.resolve("a-file/backups").toString()), "x");
        SettingsException notWritable = org.junit.jupiter.api.Assertions.assertThrows(SettingsException.class,
                () -> BackupBeans.checkSettings(blocked.backup()));
        assertTrue(notWritable.getMessage().startsWith("BACKUP_DIR (" + dir.resolve("a-file/backups") + ") must be a folder"),
                notWritable.getMessage());
    }
}
