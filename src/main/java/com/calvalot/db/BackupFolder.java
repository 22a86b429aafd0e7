package com.calvalot.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Le dossier BACKUP_DIR : une copie par jour, {@code calvalot-AAAA-MM-JJ.db} ; on garde les 7 plus
 * récentes et la plus récente de chacune des 4 semaines d'avant. Les autres fichiers du dossier ne
 * sont jamais touchés.
 */
public final class BackupFolder {

    public static final int DAILY = 7;
    public static final int WEEKLY = 4;
    private static final Pattern NAME = Pattern.compile("calvalot-(\\d{4}-\\d{2}-\\d{2})\\.db");

    private final Path dir;

    public BackupFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path daily(LocalDate day) {
        return dir.resolve("calvalot-" + day + ".db");
    }

    /** Les copies du dossier, la plus récente d'abord. */
    public List<Backup> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Backup> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && Files.isRegularFile(file)) {
                    try {
                        found.add(new Backup(file, LocalDate.parse(name.group(1))));
                    } catch (java.time.DateTimeException e) {
                        // un nom qui ressemble sans être une date : pas à nous
                    }
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparing(Backup::day).reversed());
        return found;
    }

    /** La copie la plus récente qui passe {@code quick_check}, s'il y en a une. */
    public Optional<Path> lastGood() {
        return list().stream().map(Backup::file).filter(file -> DatabaseCopy.quickCheck(file) == null).findFirst();
    }

    /** Retire les copies de trop (7 jours, puis une par semaine sur 4 semaines) ; jamais la plus récente. */
    public List<Path> prune() {
        List<Backup> all = list();
        List<Path> removed = new ArrayList<>();
        Set<String> weeks = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Backup backup = all.get(i);
            if (i < DAILY) {
                continue;
            }
            String week = backup.day().get(IsoFields.WEEK_BASED_YEAR) + "-" + backup.day().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            if (weeks.size() < WEEKLY && weeks.add(week)) {
                continue; // la plus récente de sa semaine (la liste va du plus récent au plus ancien)
            }
            try {
                Files.deleteIfExists(backup.file());
                removed.add(backup.file());
            } catch (IOException e) {
                // laissée : on réessaiera la nuit suivante
            }
        }
        return removed;
    }

    /** Les restes d'une copie interrompue ou d'un téléchargement (fichiers « .…partial » ou « .download-… »). */
    public void removeLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(".calvalot-") && name.endsWith(".partial") || name.startsWith(".download-");
            }).forEach(DatabaseCopy::deleteQuietly);
        } catch (IOException e) {
            // rien à nettoyer
        }
    }

    public record Backup(Path file, LocalDate day) {
    }
}
