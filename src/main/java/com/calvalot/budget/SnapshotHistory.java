package com.calvalot.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.money.Money;
import com.calvalot.time.Timestamps;

/**
 * L'historique des instantanés (portfolio_snapshots), du plus récent au plus ancien. Jusqu'à
 * {@code limit} instantanés dans la période, tous sont servis ; au-delà, SQLITE réduit : la période
 * est découpée en au plus {@code limit} tranches de temps égales et chaque tranche rend son dernier
 * instantané. Java ne voit jamais que les lignes servies : le coût et la
 * taille de la réponse sont bornés quelle que soit la période ou l'âge de la base.
 * La réponse JSON est gardée tant que les instantanés de la fenêtre n'ont pas changé (même nombre,
 * même premier et même dernier id : une requête d'index), puisque les tranches sont fixes.
 */
public class SnapshotHistory {

    /** Les périodes de l'API, en heures (comme le suiveur d'origine : 1m = 30 jours). */
    public static final Map<String, Duration> PERIODS = Map.of(
            "1d", Duration.ofHours(24), "1w", Duration.ofHours(168),
            "1m", Duration.ofHours(720), "1y", Duration.ofHours(8760));

    // SQLite rend les autres colonnes de la ligne qui porte max(created_at) de chaque groupe :
    // le dernier instantané de chaque tranche de ? secondes (tranches alignées sur l'époque Unix,
    // donc stables d'une requête à l'autre)
    private static final String BUCKETED = "SELECT id, total_value_eur, portfolio_value_usdt, cash_usdt, "
            + "max(created_at) AS created_at, perfect_value_eur FROM portfolio_snapshots WHERE created_at >= ? "
            + "GROUP BY unixepoch(created_at) / ? ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String ALL = "SELECT id, total_value_eur, portfolio_value_usdt, cash_usdt, created_at, "
            + "perfect_value_eur FROM portfolio_snapshots WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?";

    /** Quelques réponses gardées (périodes × limites de la page) : au-delà, on repart de zéro. */
    static final int CACHED_ANSWERS = 8;

    private final Sql sql;
    private final Clock clock;
    private final Map<String, CachedAnswer> answers = new ConcurrentHashMap<>();

    private record CachedAnswer(String window, byte[] json) {
    }

    public SnapshotHistory(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * L'historique en JSON UTF-8 ({@code period} null : tout), resservi tant que la fenêtre n'a pas
     * bougé ; gardé en octets, il n'est ni réécrit ni réencodé d'une requête à l'autre.
     */
    public byte[] recentJson(Duration period, int limit) {
        Instant now = clock.instant();
        String since = period == null ? "" : Timestamps.format(now.minus(period));
        String[] window = sql.one("SELECT count(*), ifnull(min(id), ''), ifnull(max(id), ''), min(created_at) "
                + "FROM portfolio_snapshots WHERE created_at >= ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, since);
        String key = period + "/" + limit;
        String stamp = window[0] + ":" + window[1] + ":" + window[2];
        CachedAnswer cached = answers.get(key);
        if (cached != null && cached.window().equals(stamp)) {
            return cached.json();
        }
        // un seul calcul à la fois : 16 clients qui voient la même fenêtre changer n'en font pas 16
        synchronized (this) {
            cached = answers.get(key);
            if (cached != null && cached.window().equals(stamp)) {
                return cached.json();
            }
            long count = Long.parseLong(window[0]);
            List<Map<String, Object>> rows;
            if (count <= limit) {
                // tout tient dans la limite : chaque instantané, tel quel
                rows = rows(ALL, since, limit);
            } else {
                Instant from = period == null ? Timestamps.parse(window[3]) : now.minus(period);
                rows = rows(BUCKETED, since, bucketSeconds(from, now, limit), limit);
            }
            byte[] json = Json.bytes(rows);
            if (answers.size() >= CACHED_ANSWERS) {
                answers.clear();
            }
            answers.put(key, new CachedAnswer(stamp, json));
            return json;
        }
    }

    /** Des tranches égales qui couvrent la période en au plus {@code limit} morceaux. */
    private static long bucketSeconds(Instant from, Instant now, int limit) {
        long span = Math.max(1, Duration.between(from, now).getSeconds() + 1);
        return Math.max(1, (span + limit - 1) / limit);
    }

    private List<Map<String, Object>> rows(String query, Object... params) {
        List<Map<String, Object>> answer = new ArrayList<>();
        sql.forEach(query, rs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getLong(1));
            row.put("total_value_eur", Money.forJson(Money.fromDb(rs.getString(2))));
            row.put("portfolio_value_usdt", Money.forJson(Money.fromDb(rs.getString(3))));
            row.put("cash_usdt", Money.forJson(Money.fromDb(rs.getString(4))));
            row.put("created_at", rs.getString(5));
            // la copie parfaite aux mêmes prix (null avant son premier signal) : la seconde courbe du graphique
            row.put("perfect_value_eur", Money.forJson(Money.fromDb(rs.getString(6))));
            answer.add(row);
        }, params);
        return answer;
    }
}
