package com.calvalot.api;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.db.Database;
import com.calvalot.db.DiskState;

/** GET /health : 200 tant que la base répond et s'écrit, 503 avec la raison sinon. Ne touche ni leader ni bourse. */
public class HealthProbe implements Processor {

    private final DataSource dataSource;
    private final DiskState disk;

    public HealthProbe(DataSource dataSource) {
        this.dataSource = dataSource;
        this.disk = DiskState.of(dataSource);
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        String refusal = disk.refusal();
        if (refusal != null) {
            // la base se lit mais ne s'écrit plus : l'agent est en pause jusqu'à ce qu'une écriture passe
            body.put("status", "error");
            body.put("service", "calvalot");
            body.put("reason", "disk_full: the database cannot be written (" + refusal + "); trading paused until writes succeed");
            JsonResponses.write(exchange, 503, body);
        } else if (Database.answers(dataSource)) {
            body.put("status", "ok");
            body.put("service", "calvalot");
            JsonResponses.write(exchange, 200, body);
        } else {
            body.put("status", "error");
            body.put("service", "calvalot");
            body.put("reason", "database unreachable");
            JsonResponses.write(exchange, 503, body);
        }
    }
}
