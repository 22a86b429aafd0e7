package com.calvalot.security;

/**
 * scrypt (RFC 7914), pour relire les hachages {@code scrypt:n:r:p$sel$hex} de Werkzeug.
 * Aucune dépendance n'en fournit (bouncycastle est exclu exprès) : l'algorithme tient ici.
 */
final class Scrypt {

    private Scrypt() {
    }

    static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length) {
        byte[] b = Pbkdf2.derive("HmacSHA256", password, salt, 1, p * 128 * r);
        int[] x = new int[32 * r];
        int[] v = new int[32 * r * n];
        int[] scratch = new int[32 * r];
        for (int i = 0; i < p; i++) {
            romix(b, i * 128 * r, r, n, x, v, scratch);
        }
        return Pbkdf2.derive("HmacSHA256", password, b, 1, length);
    }

    /** scryptROMix sur le bloc {@code b[offset .. offset+128r)}, réécrit sur place. */
    private static void romix(byte[] b, int offset, int r, int n, int[] x, int[] v, int[] scratch) {
        int words = 32 * r;
        for (int k = 0; k < words; k++) {
            int at = offset + 4 * k;
            x[k] = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, i * words, words);
            blockMix(x, r, scratch);
        }
        for (int i = 0; i < n; i++) {
            int j = x[(2 * r - 1) * 16] & (n - 1);
            for (int k = 0; k < words; k++) {
                x[k] ^= v[j * words + k];
            }
            blockMix(x, r, scratch);
        }
        for (int k = 0; k < words; k++) {
            int at = offset + 4 * k;
            b[at] = (byte) x[k];
            b[at + 1] = (byte) (x[k] >>> 8);
            b[at + 2] = (byte) (x[k] >>> 16);
            b[at + 3] = (byte) (x[k] >>> 24);
        }
    }

    /** scryptBlockMix : les blocs pairs d'abord, puis les impairs. */
    private static void blockMix(int[] b, int r, int[] y) {
        int[] t = new int[16];
        System.arraycopy(b, (2 * r - 1) * 16, t, 0, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                t[k] ^= b[i * 16 + k];
            }
            salsa208(t);
            int target = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            System.arraycopy(t, 0, y, target, 16);
        }
        System.arraycopy(y, 0, b, 0, 32 * r);
    }

    private static void salsa208(int[] b) {
        int[] x = b.clone();
        for (int i = 0; i < 8; i += 2) {
            x[4] ^= Integer.rotateLeft(x[0] + x[12], 7);
            x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
            x[12] ^= Integer.rotateLeft(x[8] + x[4], 13);
            x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
            x[9] ^= Integer.rotateLeft(x[5] + x[1], 7);
            x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
            x[1] ^= Integer.rotateLeft(x[13] + x[9], 13);
            x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
            x[14] ^= Integer.rotateLeft(x[10] + x[6], 7);
            x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
            x[6] ^= Integer.rotateLeft(x[2] + x[14], 13);
            x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
            x[3] ^= Integer.rotateLeft(x[15] + x[11], 7);
            x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
            x[11] ^= Integer.rotateLeft(x[7] + x[3], 13);
            x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);
            x[1] ^= Integer.rotateLeft(x[0] + x[3], 7);
            x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
            x[3] ^= Integer.rotateLeft(x[2] + x[1], 13);
            x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
            x[6] ^= Integer.rotateLeft(x[5] + x[4], 7);
            x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
            x[4] ^= Integer.rotateLeft(x[7] + x[6], 13);
            x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
            x[11] ^= Integer.rotateLeft(x[10] + x[9], 7);
            x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
            x[9] ^= Integer.rotateLeft(x[8] + x[11], 13);
            x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
            x[12] ^= Integer.rotateLeft(x[15] + x[14], 7);
            x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
            x[14] ^= Integer.rotateLeft(x[13] + x[12], 13);
            x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
        }
        for (int k = 0; k < 16; k++) {
            b[k] += x[k];
        }
    }
}
