package com.calvalot.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Les dates des messages (Telegram, résumé du jour, alertes ; docs/telegram.md) : « 7 Dec 19:11 »,
 * « Sun 6 Dec ». Le mois en lettres (anglaises, comme les messages) : « 07/12 » se lit 7 décembre
 * ou 12 juillet selon le pays, « 7 Dec » jamais autrement ; l'heure sur 24 h, dans TZ.
 */
public final class TimeText {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private TimeText() {
    }

    /** « 7 Dec 19:11 » dans {@code zone}. */
    public static String dayTime(Instant instant, ZoneId zone) {
        return DAY_TIME.format(instant.atZone(zone));
    }

    /** « Sun 6 Dec ». */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }
}
