package com.calvalot.support;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Le socle d'une classe de tests de chemin d'argent live : un {@link LiveFollower} neuf par test, sa base dans
 * un dossier temporaire, tout fermé après le test.
 */
public abstract class LiveFollowerTest {

    @TempDir
    protected Path dir;

    protected final LiveFollower follower = new LiveFollower();

    @AfterEach
    void closeFollower() {
        follower.close();
    }
}
