package com.calvalot.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Une copie cohérente de la base pendant que l'application écrit : {@code VACUUM INTO} lit tout dans
 * UNE transaction de lecture (en WAL, les écrivains continuent pendant ce temps ; l'API de sauvegarde
 * de SQLite, elle, recommencerait à chaque écriture d'une autre connexion). Le fichier est créé vide
 * en 0600 avant d'être rempli : la copie n'est jamais lisible par un autre compte, même un instant.
 */
public final class DatabaseCopy {

    private DatabaseCopy() {
    }

    /** Écrit la copie dans {@code target} (qui ne doit pas exister), vérifiée et synchronisée sur disque. */
    public static void write(DataSource dataSource, Path target) {
        try {
            createPrivate(target);
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toAbsolutePath().toString());
                vacuum.execute();
            }
            String check = settle(target);
            if (check != null) {
                throw new IllegalStateException("the copy " + target + " failed its check: " + check);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(target);
            throw new IllegalStateException("database backup to " + target + " failed: " + message(e), e);
        }
    }

    /** Une copie écrite sous un nom temporaire puis renommée : un fichier final est toujours complet. */
    public static void writeAtomically(DataSource dataSource, Path target) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        deleteQuietly(partial);
        write(dataSource, partial);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new IllegalStateException("database backup to " + target + " failed: " + message(e), e);
        }
    }

    /**
     * La copie d'une base posée sur le disque, sans l'ouvrir comme le suiveur (ni migration, ni verrou) :
     * le script de mise à jour la prend avant qu'une nouvelle version ne démarre sur cette base.
     */
    public static void writeAtomically(Path database, Path target) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + database.toAbsolutePath());
        writeAtomically(source, target);
    }

    /**
     * La copie repasse en journal classique (un seul fichier, lisible même sur un support en lecture
     * seule, sans -wal à côté) puis est vérifiée : null si elle est saine.
     */
    private static String settle(Path copy) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath());
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=DELETE");
        }
        return quickCheck(copy);
    }

    /**
     * {@code PRAGMA quick_check} sur un fichier (avec son WAL éventuel : il fait partie de la base) :
     * null s'il est sain, sinon les premières raisons données par SQLite. En lecture seule : le WAL
     * n'est ni rejoué dans la base ni effacé à la fermeture (le fichier vérifié reste tel quel), sauf
     * quand un journal « -journal » attend : seule une connexion en écriture le rejoue.
     */
    public static String quickCheck(Path file) {
        if (!Files.isRegularFile(file)) {
            return "no such file";
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(!Files.exists(file.resolveSibling(file.getFileName() + "-journal")));
        config.setBusyTimeout(10_000);
        SQLiteDataSource readOnly = new SQLiteDataSource(config);
        readOnly.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection connection = readOnly.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA quick_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next() && problems.size() < 3) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line);
                }
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        } catch (SQLException e) {
            return message(e);
        }
    }

    private static void createPrivate(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        try {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(target);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the file " + target + " already exists");
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // un reste : retiré au prochain passage
        }
    }

    static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }
}
