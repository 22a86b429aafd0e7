package com.calvalot.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Un vrai petit système de fichiers (tmpfs de quelques Mo) pour la base d'un test : {@link #fill()}
 * le remplit jusqu'au dernier octet (ENOSPC), {@link #free()} rend la place. Le montage demande les
 * droits de root (CAP_SYS_ADMIN) : {@link #mount} renvoie null sans eux (le test est alors sauté).
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    public static SmallDisk mount(Path mountPoint, int megabytes) {
        try {
            Files.createDirectories(mountPoint);
            if (run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", mountPoint.toString()) != 0) {
                return null;
            }
            return new SmallDisk(mountPoint);
        } catch (IOException e) {
            return null;
        }
    }

    public Path path() {
        return mountPoint;
    }

    /** Écrit jusqu'à ce que le disque refuse (par blocs, puis octet par octet) : plus une page libre. */
    public void fill() {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int size : new int[] {block.length, 4096, 1}) {
                try {
                    while (true) {
                        out.write(block, 0, size);
                        out.flush();
                    }
                } catch (IOException full) {
                    // ENOSPC à cette taille : on continue plus fin
                }
            }
        } catch (IOException closedFull) {
            // la fermeture peut aussi dire « plein »
        }
    }

    public void free() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run("umount", "-l", mountPoint.toString());
    }

    private static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
