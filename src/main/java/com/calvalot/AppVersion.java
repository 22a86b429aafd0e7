package com.calvalot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** La version du projet, écrite par Maven dans calvalot-version.properties. */
public final class AppVersion {

    private AppVersion() {
    }

    public static String project() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/calvalot-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
