package com.calvalot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.json.Json;
import com.calvalot.support.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;

/** GET /api/host-stats : les champs de l'original, lus dans /proc et le système de fichiers. */
class HostStatsTest {

    @TempDir
    Path dir;

    @Test
    void theOriginalsFieldsComeFromThisMachine() throws Exception {
        try (RunningApp app = RunningApp.start(RunningApp.env(dir))) {
            var answer = app.get("/api/host-stats");
            assertEquals(200, answer.statusCode());
            JsonNode stats = Json.MAPPER.readTree(answer.body());
            assertEquals(List.of("cpu", "memory", "disk", "temperature", "uptime"), List.copyOf(iterable(stats)));
            BigDecimal cpu = stats.path("cpu").path("percent").decimalValue();
            assertTrue(cpu.signum() >= 0 && cpu.compareTo(new BigDecimal(100)) <= 0, answer.body());
            JsonNode memory = stats.path("memory");
            assertTrue(memory.path("total").asLong() > 0, answer.body());
            assertEquals(memory.path("total").asLong(), memory.path("used").asLong() + memory.path("available").asLong());
            JsonNode disk = stats.path("disk");
            assertEquals(Files.getFileStore(dir).getTotalSpace(), disk.path("total").asLong(), "the data folder's file system");
            assertTrue(disk.path("used").asLong() > 0 && disk.path("used").asLong() <= disk.path("total").asLong());
            assertTrue(stats.path("temperature").isNull() || stats.path("temperature").isNumber(), answer.body());
            assertTrue(stats.path("uptime").asText().matches("(\\d+j )?(\\d+h )?\\d+m"), answer.body());
        }
    }

    @Test
    void figuresAreReadAsTheOriginalReadThem() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("loadavg"), "0.50 0.40 0.30 1/200 4242\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:        2000 kB\nMemFree:          100 kB\nMemAvailable:     500 kB\n");
        Files.writeString(proc.resolve("uptime"), "273659.93 500000.00\n");
        Path thermal = Files.writeString(dir.resolve("temp"), "48750\n");
        HostStats stats = new HostStats(proc, thermal, dir);

        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(new BigDecimal(50).divide(new BigDecimal(cores), 1, RoundingMode.HALF_UP), stats.cpuPercent());
        assertEquals(2_048_000L, stats.memory().get("total"));
        assertEquals(1_536_000L, stats.memory().get("used"));
        assertEquals(new BigDecimal("48.8"), stats.temperature());
        assertEquals("3j 4h 0m", stats.uptime());

        HostStats missing = new HostStats(dir.resolve("nothing"), dir.resolve("no-sensor"), dir);
        assertEquals(null, missing.temperature(), "no sensor: null, as the original");
        assertEquals("?", missing.uptime());
        assertEquals(BigDecimal.ZERO, missing.cpuPercent());
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
