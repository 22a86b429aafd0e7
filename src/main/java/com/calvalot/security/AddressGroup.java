package com.calvalot.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Le réseau d'une adresse de client : son /24 en IPv4, son /64 en IPv6 (ce qu'un seul appareil ou
 * un seul réseau domestique a sous la main). Un attaquant qui change d'adresse reste dans son groupe.
 */
final class AddressGroup {

    /** Seulement des littéraux IP : jamais de requête DNS pour un nom. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[0-9A-Za-z]+)?]?");

    private AddressGroup() {
    }

    /** « 192.168.1.0/24 », « 2001:db8:1:2::/64 » ; une adresse illisible est son propre groupe. */
    static String of(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return String.valueOf(address);
        }
        String literal = address.replace("[", "").replace("]", "");
        int zone = literal.indexOf('%');
        try {
            InetAddress ip = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone));
            byte[] bytes = ip.getAddress();
            if (ip instanceof Inet4Address) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            if (ip instanceof Inet6Address) {
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix + ":/64";
            }
        } catch (UnknownHostException | RuntimeException e) {
            // illisible : l'adresse seule
        }
        return address;
    }
}
