package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.RunningApp;

class HealthTest {

    @TempDir
    Path dataDir;

    @Test
    void healthAnswersOkWithNoLeaderAndNoExchange() {
        try (RunningApp app = RunningApp.start(RunningApp.env(dataDir))) {
            HttpResponse<String> answer = app.get("/health");
            assertEquals(200, answer.statusCode());
            assertEquals("{\"status\":\"ok\",\"service\":\"calvalot\"}", answer.body());
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
        }
    }
}
