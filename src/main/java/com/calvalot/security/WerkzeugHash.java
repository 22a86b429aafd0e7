package com.calvalot.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Un hachage de mot de passe au format de Werkzeug, celui des .env du suiveur Python d'origine :
 * {@code pbkdf2:<sha256|sha512|sha1>:<itérations>$<sel>$<hex>} ou {@code scrypt:<n>:<r>:<p>$<sel>$<hex>}.
 * Le sel est du texte (ses octets UTF-8), comme dans Werkzeug. Jamais de valeur dans un message.
 */
public final class WerkzeugHash {

    /** Itérations des hachages que l'on fabrique (le défaut de Werkzeug 3.0). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    /** 128·N·r octets de mémoire : 32 Mio au plus (le défaut de Werkzeug, N=32768 r=8), le tas est petit. */
    private static final long MAX_SCRYPT_MEMORY = 32L * 1024 * 1024;
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final String method;
    private final String hmac;
    private final int iterations;
    private final int n;
    private final int r;
    private final int p;
    private final byte[] salt;
    private final byte[] expected;

    private WerkzeugHash(String method, String hmac, int iterations, int n, int r, int p, byte[] salt, byte[] expected) {
        this.method = method;
        this.hmac = hmac;
        this.iterations = iterations;
        this.n = n;
        this.r = r;
        this.p = p;
        this.salt = salt;
        this.expected = expected;
    }

    /** Lit un hachage stocké ; {@link IllegalArgumentException} (sans la valeur) s'il n'est pas reconnu. */
    public static WerkzeugHash parse(String stored) {
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
            int iterations = number(method[2], 1, MAX_ITERATIONS);
            return new WerkzeugHash("pbkdf2", hmac, iterations, 0, 0, 0, salt, expected);
        }
        if (method.length == 4 && method[0].equals("scrypt")) {
            int n = number(method[1], 2, 1 << 24);
            int r = number(method[2], 1, 64);
            int p = number(method[3], 1, 16);
            if ((n & (n - 1)) != 0 || 128L * n * r > MAX_SCRYPT_MEMORY) {
                throw new IllegalArgumentException("unsupported scrypt parameters");
            }
            return new WerkzeugHash("scrypt", null, 0, n, r, p, salt, expected);
        }
        throw new IllegalArgumentException("unsupported hash method");
    }

    /** Vrai si le mot de passe correspond ; la comparaison finale est en temps constant. */
    public boolean matches(String password) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        byte[] derived = method.equals("pbkdf2")
                ? Pbkdf2.derive(hmac, given, salt, iterations, expected.length)
                : Scrypt.derive(given, salt, n, r, p, expected.length);
        return MessageDigest.isEqual(derived, expected);
    }

    /**
     * Moins coûteux à deviner que le défaut de Werkzeug (pbkdf2 à 600 000 tours, scrypt N=32768 r=8) :
     * un hachage à 1 000 tours volé tombe à des centaines d'essais par seconde sur ce petit processeur,
     * des millions sur une carte graphique.
     */
    public boolean cheaperThanDefault() {
        return method.equals("pbkdf2") ? iterations < DEFAULT_ITERATIONS : (long) n * r * p < 32768L * 8;
    }

    /** Le coût, en clair pour le log (jamais le sel ni le hachage). */
    public String cost() {
        return method.equals("pbkdf2") ? "pbkdf2 with " + iterations + " iterations" : "scrypt n=" + n + " r=" + r + " p=" + p;
    }

    /** Un nouveau hachage {@code pbkdf2:sha256:600000$<sel de 16 caractères>$<hex>}. */
    public static String make(String password) {
        return make(password, DEFAULT_ITERATIONS, new SecureRandom());
    }

    static String make(String password, int iterations, SecureRandom random) {
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            salt.append(SALT_CHARS.charAt(random.nextInt(SALT_CHARS.length())));
        }
        byte[] derived = Pbkdf2.derive("HmacSHA256", password.getBytes(StandardCharsets.UTF_8),
                salt.toString().getBytes(StandardCharsets.UTF_8), iterations, 32);
        return "pbkdf2:sha256:" + iterations + "$" + salt + "$" + HexFormat.of().formatHex(derived);
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
        return "WerkzeugHash[" + method + "]";
    }
}
