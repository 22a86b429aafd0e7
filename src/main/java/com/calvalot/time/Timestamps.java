package com.calvalot.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Les dates stockées et servies : ISO-8601 UTC avec Z, à la seconde. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
