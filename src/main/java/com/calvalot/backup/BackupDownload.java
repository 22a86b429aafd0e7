package com.calvalot.backup;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import com.calvalot.api.JsonResponses;
import com.calvalot.db.BackupFolder;
import com.calvalot.db.DatabaseCopy;

/**
 * GET /api/backup : une copie fraîche et cohérente (jamais le fichier vivant), écrite dans BACKUP_DIR
 * sous un nom caché puis envoyée en flux depuis le disque (192 Mo pour tout le conteneur : jamais le
 * fichier en mémoire) ; le fichier temporaire disparaît quand le flux se ferme, fini ou abandonné.
 */
public class BackupDownload implements Processor {

    static final String CONTENT_TYPE = "application/vnd.sqlite3";

    private final DataSource dataSource;
    private final BackupFolder folder;
    private final Clock clock;

    public BackupDownload(DataSource dataSource, BackupFolder folder, Clock clock) {
        this.dataSource = dataSource;
        this.folder = folder;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Path copy = folder.dir().resolve(".download-" + UUID.randomUUID() + ".db");
        DatabaseCopy.write(dataSource, copy);
        DeletingStream stream = new DeletingStream(copy);
        Message out = exchange.getMessage();
        if (out instanceof HttpMessage http && http.getResponse() != null) {
            http.getResponse().closeHandler(ignored -> stream.close());
        }
        String name = "calvalot-" + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-') + ".db";
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        out.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        out.setBody(stream);
    }

    /** GET /api/backup/latest : la dernière copie de la nuit et le dossier (pour le tableau de bord). */
    public static final class Latest implements Processor {

        private final NightlyBackup nightly;

        public Latest(NightlyBackup nightly) {
            this.nightly = nightly;
        }

        @Override
        public void process(Exchange exchange) {
            JsonResponses.write(exchange, 200, nightly.latest());
        }
    }

    /** Le fichier lu depuis le disque, effacé à la fermeture (une seule fois). */
    static final class DeletingStream extends FileInputStream {

        private final Path file;
        private boolean closed;

        DeletingStream(Path file) throws IOException {
            super(file.toFile());
            this.file = file;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } catch (IOException e) {
                // rien à lire de plus
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // retiré au prochain passage nocturne (BackupFolder.removeLeftovers)
            }
        }
    }
}
