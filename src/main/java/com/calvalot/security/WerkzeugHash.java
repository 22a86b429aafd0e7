package com.calvalot.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import com.calvalot.config.PasswordHashFormat;

/**
 * Un hachage de mot de passe au format de Werkzeug (lu par {@link PasswordHashFormat}, celui des .env du
 * suiveur Python d'origine) : vérifie un mot de passe, en fabrique un nouveau. Jamais de valeur dans un message.
 */
public final class WerkzeugHash {

    /** Itérations des hachages que l'on fabrique (le défaut de Werkzeug 3.0). */
    public static final int DEFAULT_ITERATIONS = 600_000;
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

    /** Lit un hachage stocké ({@link PasswordHashFormat}) ; {@link IllegalArgumentException} (sans la valeur) s'il n'est pas reconnu. */
    public static WerkzeugHash parse(String stored) {
        PasswordHashFormat f = PasswordHashFormat.parse(stored);
        return new WerkzeugHash(f.method(), f.hmac(), f.iterations(), f.n(), f.r(), f.p(), f.salt(), f.expected());
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

    @Override
    public String toString() {
        return "WerkzeugHash[" + method + "]";
    }
}
