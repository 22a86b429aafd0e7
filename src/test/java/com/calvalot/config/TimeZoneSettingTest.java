package com.calvalot.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** TZ (issue 38) : un nom de la base tz ou un fichier de zone passent ; un nom inconnu est refusé en une ligne. */
class TimeZoneSettingTest {

    @Test
    void namesOfTheTzDatabaseAndZoneFilesPass() {
        for (String ok : new String[] {"UTC", "Europe/Paris", "America/New_York", "Etc/GMT-2", " Europe/Paris ", ":UTC", "", null}) {
            assertDoesNotThrow(() -> TimeZoneSetting.check(ok), String.valueOf(ok));
        }
        if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of("/etc/localtime"))) {
            assertDoesNotThrow(() -> TimeZoneSetting.check(":/etc/localtime"));
        }
    }

    @Test
    void anUnknownZoneIsRefusedNamingTheVariable() {
        SettingsException refused = assertThrows(SettingsException.class, () -> TimeZoneSetting.check("Mars/Olympus"));
        assertEquals("TZ must be a time zone name such as UTC, Europe/Paris or America/New_York (the tz database), "
                + "got 'Mars/Olympus'", refused.getMessage());
        assertThrows(SettingsException.class, () -> TimeZoneSetting.check("Europe/Pariss"));
        assertThrows(SettingsException.class, () -> TimeZoneSetting.check("/nonexistent/zone"));
    }
}
