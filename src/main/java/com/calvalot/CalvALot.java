package com.calvalot;

import org.apache.camel.main.Main;

import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;
import com.calvalot.security.HashPasswordCommand;

/**
 * Point d'entrée : {@code java -jar calv-a-lot.jar}. Réglages lus dans l'environnement.
 * {@code java -jar calv-a-lot.jar hash-password} imprime un hachage pour API_PASSWORD_HASH.
 */
public final class CalvALot {

    private CalvALot() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(HashPasswordCommand.NAME)) {
            System.exit(HashPasswordCommand.run(System.console(), System.in, System.out, System.err));
        }
        Settings settings;
        try {
            settings = Settings.from(System.getenv(), AppVersion.project());
        } catch (SettingsException e) {
            fail("bad setting: " + e.getMessage(), 2);
            return;
        }
        StartupWarmup.begin();
        try {
            Main main = CalvALotApp.create(settings);
            main.run();
        } catch (SettingsException e) {
            fail("bad setting: " + e.getMessage(), 2);
        } catch (Exception e) {
            fail("cannot start: " + rootMessage(e), 1);
        }
    }

    /** Une seule ligne claire sur stderr, puis un code de sortie non nul. */
    private static void fail(String line, int status) {
        System.err.println("calv-a-lot: " + line);
        System.exit(status);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
