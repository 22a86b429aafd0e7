package com.calvalot.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vérifie un en-tête {@code Authorization: Basic …} contre API_USER et API_PASSWORD_HASH.
 * Le hachage est lent exprès (une demi-seconde) : un en-tête déjà accepté est retenu en mémoire,
 * sous la forme d'un HMAC à clé aléatoire du processus, pour que le tableau de bord reste vif.
 */
public final class BasicAuthGate {

    private static final int REMEMBERED_MAX = 32;

    private final byte[] user;
    private final WerkzeugHash hash;
    private final byte[] processKey = new byte[32];
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    public BasicAuthGate(String user, WerkzeugHash hash) {
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.hash = hash;
        new SecureRandom().nextBytes(processKey);
    }

    /** Vrai, sans calcul lent, si cet en-tête a déjà été accepté. */
    public boolean remembers(String authorization) {
        return authorization != null && accepted.contains(fingerprint(authorization));
    }

    /**
     * Le contrôle complet (lent : hors de la boucle d'événements). Appelé depuis le seul fil de
     * {@link HttpGuard} : scrypt prend 32 Mio, une rafale de mauvais essais ne doit pas épuiser la mémoire.
     */
    public boolean check(String authorization) {
        if (remembers(authorization)) {
            return true;
        }
        String[] credentials = decode(authorization);
        if (credentials == null) {
            return false;
        }
        // les deux contrôles toujours : la durée ne dit pas si l'utilisateur existe
        boolean userOk = MessageDigest.isEqual(user, credentials[0].getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = hash.matches(credentials[1]);
        if (userOk && passwordOk) {
            if (accepted.size() >= REMEMBERED_MAX) {
                accepted.clear();
            }
            accepted.add(fingerprint(authorization));
            return true;
        }
        return false;
    }

    /** L'utilisateur annoncé (pour le log d'un échec), vide si l'en-tête n'est pas un Basic lisible. */
    static String userOf(String authorization) {
        String[] credentials = decode(authorization);
        return credentials == null ? "" : credentials[0];
    }

    /** {user, password}, ou null si l'en-tête n'est pas un Basic bien formé. */
    static String[] decode(String authorization) {
        if (authorization == null || authorization.length() > 4096) {
            return null;
        }
        String[] scheme = authorization.trim().split("\\s+", 2);
        if (scheme.length != 2 || !scheme[0].equalsIgnoreCase("Basic")) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(scheme[1].trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String fingerprint(String authorization) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(processKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
