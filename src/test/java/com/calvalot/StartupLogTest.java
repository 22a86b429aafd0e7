package com.calvalot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.calvalot.support.Await;
import com.calvalot.support.ChildProcess;
import com.calvalot.support.RunningApp;
import com.calvalot.support.SetupLog;

/** Ce que dit le journal une fois démarré (issue 38) : où ouvrir le tableau de bord, une fois. */
class StartupLogTest {

    @TempDir
    Path dir;

    @Test
    void onceStartedTheLogSaysWhereTheDashboardIs() {
        Map<String, String> env = RunningApp.env(dir);
        String line = "Dashboard: open http://localhost:" + env.get("PORT") + "/ (from another computer, this machine's "
                + "address instead of localhost)";
        try (ChildProcess app = ChildProcess.start(env, dir.resolve("logs"))) {
            Await.until("the dashboard's address in the log", Duration.ofSeconds(60), () -> SetupLog.count(app, line) == 1);
            assertEquals(0, SetupLog.count(app, "Setup: open"));
        }
    }

    @Test
    void inSetupModeTheSetupLineIsTheOnlyAddress() {
        try (ChildProcess app = ChildProcess.start(RunningApp.setupEnv(dir), dir.resolve("logs"))) {
            SetupLog.awaitCode(app);
            assertEquals(0, SetupLog.count(app, "Dashboard: open"), app.stderr());
        }
    }
}
