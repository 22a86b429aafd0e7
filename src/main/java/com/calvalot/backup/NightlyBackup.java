package com.calvalot.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.BackupFolder;
import com.calvalot.db.DatabaseCopy;

/**
 * La copie de chaque nuit (BACKUP_AT, heure locale de TZ) dans BACKUP_DIR : une par jour, écrite
 * sous un nom temporaire, vérifiée, puis l'élagage (7 jours + 4 semaines), seulement après une copie
 * réussie : la dernière bonne copie n'est jamais retirée pour une nouvelle qui a échoué.
 */
public class NightlyBackup {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyBackup.class);

    private final DataSource dataSource;
    private final BackupFolder folder;
    private final LocalTime at;
    private final Clock clock;
    private final ZoneId zone;
    private volatile String lastFailure;
    private volatile java.time.Instant failedAt;

    /** Après un échec (disque plein, clé USB absente), on réessaie une heure plus tard, pas chaque minute. */
    static final Duration RETRY = Duration.ofHours(1);

    public NightlyBackup(DataSource dataSource, BackupFolder folder, LocalTime at, Clock clock, ZoneId zone) {
        this.dataSource = dataSource;
        this.folder = folder;
        this.at = at;
        this.clock = clock;
        this.zone = zone;
    }

    /** Vrai quand l'heure est passée aujourd'hui et que la copie du jour n'existe pas encore. */
    public boolean due() {
        if (at == null || failedAt != null && clock.instant().isBefore(failedAt.plus(RETRY))) {
            return false;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        return !now.toLocalTime().isBefore(at) && !Files.exists(folder.daily(now.toLocalDate()));
    }

    /** La copie du jour ; une panne lève (la politique backup-errors l'écrit en une ligne). */
    public void run() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Path target = folder.daily(today);
        long started = System.nanoTime();
        folder.removeLeftovers();
        try {
            DatabaseCopy.writeAtomically(dataSource, target);
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            failedAt = clock.instant();
            throw e;
        }
        lastFailure = null;
        failedAt = null;
        List<Path> removed = folder.prune();
        LOG.info("Database backed up to {} in {} ms ({} bytes){}", target, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                size(target), removed.isEmpty() ? "" : "; removed " + removed.size() + " older copies");
    }

    /** GET /api/backup/latest : la dernière copie (heure, fichier, taille), le dossier, la prochaine heure. */
    public Map<String, Object> latest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dir", folder.dir().toString());
        body.put("nightly_at", at == null ? "off" : at.toString());
        List<BackupFolder.Backup> all = folder.list();
        if (all.isEmpty()) {
            body.put("last", null);
        } else {
            Path file = all.get(0).file();
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("file", file.toString());
            last.put("at", modified(file));
            last.put("size_bytes", size(file));
            body.put("last", last);
        }
        body.put("copies", all.size());
        body.put("last_error", lastFailure);
        return body;
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0).toString();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
