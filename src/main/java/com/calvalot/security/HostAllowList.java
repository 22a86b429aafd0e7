package com.calvalot.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Les noms d'hôte auxquels le serveur répond (contre le DNS rebinding : une page d'un autre site
 * dont le nom pointe soudain sur 192.168.x.y parlerait sinon à l'API avec son propre nom dans Host).
 * Une adresse IP, localhost, le nom de la machine, et ceux d'ALLOWED_HOSTS ; rien d'autre.
 */
public final class HostAllowList {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Avec ou sans crochets (selon qui a découpé l'en-tête Host). */
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-f]*:[0-9a-f:.]*(%[0-9a-z]+)?]?");

    private final Set<String> names = new HashSet<>();

    public HostAllowList(List<String> extra) {
        names.add("localhost");
        machineName().ifPresent(name -> {
            names.add(name);
            // le nom court aussi : raspberrypi pour raspberrypi.home
            int dot = name.indexOf('.');
            if (dot > 0) {
                names.add(name.substring(0, dot));
            }
        });
        extra.forEach(name -> names.add(normalize(name)));
    }

    /** {@code host} : le nom de l'en-tête Host, sans le port (une IPv6 entre crochets). */
    public boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = normalize(host);
        return IPV4.matcher(name).matches() || IPV6.matcher(name).matches() || names.contains(name);
    }

    static String normalize(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Le nom du noyau, sans requête DNS (InetAddress.getLocalHost peut attendre un résolveur absent). */
    private static java.util.Optional<String> machineName() {
        for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
            try {
                String name = Files.readString(Path.of(file)).trim();
                if (!name.isEmpty()) {
                    return java.util.Optional.of(normalize(name));
                }
            } catch (IOException | RuntimeException e) {
                // le suivant
            }
        }
        return java.util.Optional.ofNullable(System.getenv("HOSTNAME")).filter(n -> !n.isBlank()).map(HostAllowList::normalize);
    }
}
