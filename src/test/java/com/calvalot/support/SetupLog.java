package com.calvalot.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** La ligne de log du mode installation, le seul endroit où le code d'installation apparaît. */
public final class SetupLog {

    public static final Pattern LINE = Pattern.compile(
            "Setup: open http://[^\\s/]+:(\\d+)/setup and enter the setup code ([ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{4}-[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{4})");

    private SetupLog() {
    }

    /** Attend la ligne dans le log du processus et rend le code. */
    public static String awaitCode(ChildProcess app) {
        String[] code = new String[1];
        Await.until("the setup line in the log", Duration.ofSeconds(60), () -> {
            Matcher m = LINE.matcher(app.stdout() + app.stderr());
            if (m.find()) {
                code[0] = m.group(2);
                return true;
            }
            return false;
        });
        return code[0];
    }

    /** Combien de fois la chaîne apparaît dans le log. */
    public static int count(ChildProcess app, String text) {
        String log = app.stdout() + app.stderr();
        int n = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }
}
