package com.calvalot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * DAILY_REPORT_AT : le résumé part une fois par jour, à l'heure dite (fuseau TZ) ou dans l'heure qui
 * suit (un redémarrage juste après l'heure ne le fait pas manquer) ; jamais deux fois le même jour
 * dans un même processus.
 */
public class DailyReportSchedule {

    static final Duration CATCH_UP = Duration.ofHours(1);

    private final LocalTime at;
    private final Clock clock;
    private final ZoneId zone;
    private LocalDate lastSent;

    public DailyReportSchedule(LocalTime at, Clock clock, ZoneId zone) {
        this.at = at;
        this.clock = clock;
        this.zone = zone;
    }

    /** Vrai une seule fois par jour, dans l'heure qui suit DAILY_REPORT_AT. */
    public synchronized boolean due() {
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime slot = now.with(at);
        if (now.isBefore(slot)) {
            // 00:10 pour un réglage à 23:30 : c'est le créneau d'hier qui court encore
            slot = slot.minusDays(1);
        }
        LocalDate day = slot.toLocalDate();
        if (day.equals(lastSent) || Duration.between(slot, now).compareTo(CATCH_UP) >= 0) {
            return false;
        }
        lastSent = day;
        return true;
    }
}
