package com.calvalot.security;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 (RFC 8018) sur des octets bruts : le mot de passe n'est pas un char[] comme dans
 * PBEKeySpec, ce qui permet aussi l'usage interne de scrypt (sel binaire, mot de passe vide).
 */
final class Pbkdf2 {

    private Pbkdf2() {
    }

    /** {@code hmac} : HmacSHA256, HmacSHA512, HmacSHA1… */
    static byte[] derive(String hmac, byte[] password, byte[] salt, int iterations, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            // une clé vide est refusée par SecretKeySpec : un octet nul donne le même HMAC (remplissage par zéros)
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, hmac));
            int blockLength = mac.getMacLength();
            byte[] out = new byte[length];
            byte[] u = new byte[blockLength];
            byte[] t = new byte[blockLength];
            for (int block = 1, offset = 0; offset < length; block++, offset += blockLength) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, blockLength);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int k = 0; k < blockLength; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, offset, Math.min(blockLength, length - offset));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 with " + hmac + " is not available", e);
        }
    }
}
