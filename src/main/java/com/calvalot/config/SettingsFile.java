package com.calvalot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.calvalot.json.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Le fichier de réglages {@code config.json}, à côté de la base (setup.md) : un objet JSON dont les
 * clés sont les noms des variables d'environnement et les valeurs du texte. C'est le fichier et le
 * format du suiveur d'origine : le sien se lit tel quel. Écrit d'un coup (fichier temporaire puis
 * renommage), en mode 0600 : il contient des secrets.
 */
public final class SettingsFile {

    public static final String NAME = "config.json";
    /** Au-delà, ce n'est pas un fichier de réglages (et on ne le lit pas en mémoire). */
    private static final long MAX_BYTES = 64 * 1024;

    private SettingsFile() {
    }

    /** config.json à côté de la base. */
    public static Path nextTo(Path dbPath) {
        Path db = dbPath.toAbsolutePath().normalize();
        return db.resolveSibling(NAME);
    }

    /**
     * Les valeurs du fichier, ou une carte vide s'il n'existe pas. Un nombre ou un booléen est lu comme
     * son texte (un fichier retouché à la main) ; tout autre type, ou un fichier illisible, arrête le
     * démarrage avec une ligne qui nomme le fichier (jamais son contenu : il a des secrets).
     */
    public static Map<String, String> read(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            return Map.of(); // pas encore de dossier de données : le démarrage dira pourquoi il ne peut le créer
        }
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SettingsException(file + " is not a settings file (larger than 64 KiB)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new SettingsException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.reader().withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
        } catch (IOException e) {
            throw new SettingsException(file + " must be a JSON object of \"VARIABLE\": \"value\" pairs; it is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new SettingsException(file + " must be a JSON object of \"VARIABLE\": \"value\" pairs");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new SettingsException(field.getKey() + " in " + file + " must be a text value");
            }
            values.put(field.getKey(), value.asText());
        }
        // le fichier est à côté de la base : il ne peut pas la déplacer
        values.remove("DB_PATH");
        return values;
    }

    /** Écrit les valeurs d'un coup : un fichier temporaire 0600 du même dossier, puis un renommage atomique. */
    public static void write(Path file, Map<String, String> values) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] body = (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(new TreeMap<>(values)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Path temp = folder.resolve("." + NAME + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            throw new IOException("cannot create a private temporary file next to " + file, e);
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(body));
            // sur disque avant le renommage : une coupure ne laisse jamais un config.json à moitié écrit
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        // le renommage aussi sur disque : une coupure de courant juste après ne rend pas le mode installation
        try (var directory = java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // un système de fichiers qui refuse : le renommage reste atomique, seul ce dernier pas manque
        }
    }
}
