package com.calvalot.ops;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.api.JsonResponses;

/**
 * GET /api/host-stats : les chiffres de la machine que servait le suiveur d'origine (mêmes champs,
 * mêmes replis), lus dans /proc, /sys et le système de fichiers du dossier des données, sans lancer
 * de processus. Un chiffre illisible prend la valeur de repli de l'original au lieu d'un 500.
 */
public class HostStats implements Processor {

    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private final Path proc;
    private final Path thermal;
    private final Path dataFolder;

    public HostStats(Path proc, Path thermal, Path dataFolder) {
        this.proc = proc;
        this.thermal = thermal;
        this.dataFolder = dataFolder;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu", Map.of("percent", cpuPercent()));
        json.put("memory", memory());
        json.put("disk", disk());
        json.put("temperature", temperature());
        json.put("uptime", uptime());
        JsonResponses.write(exchange, 200, json);
    }

    /** Comme l'original : la charge sur une minute rapportée au nombre de cœurs, plafonnée à 100. */
    BigDecimal cpuPercent() {
        try {
            BigDecimal load1 = new BigDecimal(read("loadavg").trim().split("\\s+")[0]);
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            BigDecimal percent = load1.multiply(HUNDRED).divide(new BigDecimal(cores), 1, RoundingMode.HALF_UP);
            return percent.min(HUNDRED.setScale(1));
        } catch (IOException | RuntimeException e) {
            return BigDecimal.ZERO;
        }
    }

    Map<String, Object> memory() {
        Map<String, Object> memory = new LinkedHashMap<>();
        try {
            long total = 0;
            long available = 0;
            for (String line : read("meminfo").split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 2 && parts[0].equals("MemTotal:")) {
                    total = Long.parseLong(parts[1]) * 1024;
                } else if (parts.length >= 2 && parts[0].equals("MemAvailable:")) {
                    available = Long.parseLong(parts[1]) * 1024;
                }
            }
            memory.put("total", total);
            memory.put("used", total - available);
            memory.put("available", available);
        } catch (IOException | RuntimeException e) {
            memory.put("total", 0);
            memory.put("used", 0);
            memory.put("available", 0);
        }
        return memory;
    }

    /** Le système de fichiers du dossier des données (celui qui se remplit), comme « df » le compte. */
    Map<String, Object> disk() {
        Map<String, Object> disk = new LinkedHashMap<>();
        try {
            FileStore store = Files.getFileStore(dataFolder);
            long total = store.getTotalSpace();
            disk.put("total", total);
            disk.put("used", total - store.getUnallocatedSpace());
        } catch (IOException | RuntimeException e) {
            disk.put("total", 0);
            disk.put("used", 0);
        }
        return disk;
    }

    /** En °C à une décimale, ou null (conteneur, machine virtuelle, Mac…). */
    BigDecimal temperature() {
        try {
            String milli = Files.readString(thermal, StandardCharsets.US_ASCII).trim();
            return new BigDecimal(milli).divide(new BigDecimal(1000), 1, RoundingMode.HALF_UP);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Le texte de l'original : « 3j 4h 12m » (jours et heures omis quand ils sont nuls). */
    String uptime() {
        try {
            long seconds = new BigDecimal(read("uptime").trim().split("\\s+")[0]).longValue();
            long days = seconds / 86_400;
            long hours = seconds % 86_400 / 3600;
            long minutes = seconds % 3600 / 60;
            return (days > 0 ? days + "j " : "") + (hours > 0 ? hours + "h " : "") + minutes + "m";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(proc.resolve(name), StandardCharsets.US_ASCII);
    }
}
