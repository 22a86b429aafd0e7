package com.calvalot.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * L'identifiant client d'un ordre, déterministe : le même signal, la même paire et le même sens
 * donnent toujours le même id (36 caractères de [a-z0-9-]). {@code ledgerSalt} distingue deux
 * bases successives sur le même compte (sinon « initial_sync » d'une base neuve retrouverait
 * l'ordre de l'ancienne).
 */
public final class ClientOrderIds {

    private ClientOrderIds() {
    }

    public static String of(String ledgerSalt, String signalId, String pair, Side side) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((ledgerSalt + "|" + signalId + "|" + pair + "|" + side).getBytes(StandardCharsets.UTF_8));
            return "cal-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
