package com.calvalot.api;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.db.Database;

/** GET /health : 200 tant que la base répond, 503 avec la raison sinon. Ne touche ni leader ni bourse. */
public class HealthProbe implements Processor {

    private final DataSource dataSource;

    public HealthProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (Database.answers(dataSource)) {
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
