package com.calvalot;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.main.Main;

import com.calvalot.backup.CopyDatabaseCommand;
import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;
import com.calvalot.security.FrontDoor;
import com.calvalot.security.HashPasswordCommand;

/**
 * Point d'entrée : {@code java -jar calv-a-lot.jar}. Réglages lus dans l'environnement, puis dans
 * config.json à côté de la base. {@code java -jar calv-a-lot.jar hash-password} imprime un hachage
 * pour API_PASSWORD_HASH.
 */
public final class CalvALot {

    /** Toutes les interfaces : le suiveur sert le réseau local (voir docs/security.md). */
    static final String HTTP_HOST = "0.0.0.0";

    private CalvALot() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals(HashPasswordCommand.NAME)) {
            System.exit(HashPasswordCommand.run(System.console(), System.in, System.out, System.err));
        }
        if (args.length == 2 && args[0].equals(CopyDatabaseCommand.NAME)) {
            System.exit(CopyDatabaseCommand.run(System.getenv(), args[1], System.out, System.err));
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            Usage.print(System.out);
            System.exit(0);
        }
        // une faute de frappe ne démarre jamais le serveur (ni un code d'installation) ; les arguments
        // de hash-password ne sont jamais répétés : ce serait le mot de passe
        if (args.length > 0) {
            System.err.println(args[0].equals(HashPasswordCommand.NAME)
                    ? "calv-a-lot: hash-password takes no argument: type the password when asked, or pipe it on standard input"
                    : args[0].equals(CopyDatabaseCommand.NAME)
                    ? "calv-a-lot: copy-database takes one argument: the file to write the copy to"
                    : "calv-a-lot: unknown command '" + Usage.shown(args[0]) + "'");
            Usage.print(System.err);
            System.exit(2);
        }
        ConfigurationSource source = new ConfigurationSource(System.getenv(), AppVersion.project());
        StartupWarmup.begin();
        // la page d'installation enregistre config.json puis demande un nouveau tour : l'application
        // entière est reconstruite (beans, routes, authentification) avec les réglages relus, sans
        // quitter le processus ; SIGTERM termine le tour en cours sans en demander d'autre
        AtomicBoolean again = new AtomicBoolean(true);
        // le port HTTP est ouvert une fois pour tout le processus : il ne ferme pas pendant une reconstruction
        FrontDoor door = null;
        while (again.getAndSet(false)) {
            Settings settings;
            try {
                settings = source.load();
            } catch (SettingsException e) {
                fail("bad setting: " + e.getMessage(), 2);
                return;
            }
            try {
                if (door == null) {
                    // avant la base : un port déjà pris ne laisse rien derrière lui
                    door = HttpPort.openDoor(HTTP_HOST, settings.port());
                }
                AtomicReference<Main> running = new AtomicReference<>();
                Main main = CalvALotApp.create(source, settings, Clock.systemUTC(), door, () -> {
                    again.set(true);
                    running.get().completed();
                });
                running.set(main);
                main.run();
            } catch (SettingsException e) {
                fail("bad setting: " + e.getMessage(), 2);
            } catch (Exception e) {
                CannotStart refused = refusal(e);
                if (refused != null) {
                    fail("cannot start: " + refused.getMessage(), 2);
                }
                fail("cannot start: " + rootMessage(e), 1);
            }
        }
        if (door != null) {
            door.close();
        }
    }

    /** Une seule ligne claire sur stderr, puis un code de sortie non nul. */
    private static void fail(String line, int status) {
        System.err.println("calv-a-lot: " + line);
        System.exit(status);
    }

    /** Un refus clair (CannotStart), même enveloppé par Camel. */
    static CannotStart refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotStart refused) {
                return refused;
            }
        }
        return null;
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
