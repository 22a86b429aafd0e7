package com.calvalot.config;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Le format d'un hachage de mot de passe de Werkzeug, celui des .env du suiveur Python d'origine :
 * {@code pbkdf2:<sha256|sha512|sha1>:<itérations>$<sel>$<hex>} ou {@code scrypt:<n>:<r>:<p>$<sel>$<hex>}.
 * Lu ici, au niveau des réglages, pour qu'un hachage illisible arrête le démarrage en nommant la
 * variable et le fichier ; security.WerkzeugHash en dérive et vérifie les mots de passe. Le sel est du
 * texte (ses octets UTF-8), comme dans Werkzeug. Jamais de valeur dans un message.
 */
public record PasswordHashFormat(String method, String hmac, int iterations, int n, int r, int p, byte[] salt,
                                 byte[] expected) {

    private static final int MAX_ITERATIONS = 10_000_000;
    /** 128·N·r octets de mémoire : 32 Mio au plus (le défaut de Werkzeug, N=32768 r=8), le tas est petit. */
    private static final long MAX_SCRYPT_MEMORY = 32L * 1024 * 1024;

    /** Lit un hachage stocké ; {@link IllegalArgumentException} (sans la valeur) s'il n'est pas reconnu. */
    public static PasswordHashFormat parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.trim().split("\\$", -1);
        if (parts.length != 3 || parts[1].isEmpty() || !parts[2].matches("([0-9a-fA-F]{2}){16,64}")) {
            throw new IllegalArgumentException("not a method$salt$hex hash");
        }
        byte[] salt = parts[1].getBytes(StandardCharsets.UTF_8);
        byte[] expected = HexFormat.of().parseHex(parts[2].toLowerCase(Locale.ROOT));
        String[] method = parts[0].split(":", -1);
        if (method.length == 3 && method[0].equals("pbkdf2")) {
            String hmac = switch (method[1]) {
                case "sha256" -> "HmacSHA256";
                case "sha512" -> "HmacSHA512";
                case "sha1" -> "HmacSHA1";
                default -> throw new IllegalArgumentException("unsupported pbkdf2 digest");
            };
            return new PasswordHashFormat("pbkdf2", hmac, number(method[2], 1, MAX_ITERATIONS), 0, 0, 0, salt, expected);
        }
        if (method.length == 4 && method[0].equals("scrypt")) {
            int n = number(method[1], 2, 1 << 24);
            int r = number(method[2], 1, 64);
            int p = number(method[3], 1, 16);
            if ((n & (n - 1)) != 0 || 128L * n * r > MAX_SCRYPT_MEMORY) {
                throw new IllegalArgumentException("unsupported scrypt parameters");
            }
            return new PasswordHashFormat("scrypt", null, 0, n, r, p, salt, expected);
        }
        throw new IllegalArgumentException("unsupported hash method");
    }

    private static int number(String text, int min, int max) {
        if (!text.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("bad hash parameter");
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException("hash parameter out of range");
        }
        return value;
    }

    @Override
    public String toString() {
        return "PasswordHashFormat[" + method + "]";
    }
}
