package com.calvalot.db;

import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

/**
 * Le jar n'embarque la bibliothèque native de SQLite que pour les systèmes où le suiveur tourne
 * (pom.xml). Ailleurs, sqlite-jdbc journaliserait une pile puis une ligne obscure : on le dit avant,
 * en une ligne, avec la liste des systèmes qui marchent.
 */
public final class SqliteNative {

    public static final String SUPPORTED = "Linux x86_64, Linux aarch64 (64-bit Raspberry Pi OS), Linux armv7 "
            + "(32-bit Raspberry Pi OS on a Pi 2 or newer), macOS (Intel and Apple silicon), Windows x86_64";

    private SqliteNative() {
    }

    public static void requireAvailable() {
        // l'image copie la bibliothèque hors du jar et la désigne ainsi (/tmp y est noexec)
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        if (!LibraryLoaderUtil.hasNativeLib(LibraryLoaderUtil.getNativeLibResourcePath(), LibraryLoaderUtil.getNativeLibName())) {
            throw new IllegalStateException("this system (" + OSInfo.getOSName() + " " + OSInfo.getArchName()
                    + ") is not supported: the jar holds no SQLite library for it; Calv-a-lot runs on " + SUPPORTED);
        }
    }
}
