package com.calvalot.setup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Le code d'installation : 8 caractères d'un alphabet sans 0/O/1/I (32 signes, 40 bits), tirés à
 * chaque démarrage en mode installation et montrés dans une seule ligne de log. Cinq mauvais codes
 * d'une même adresse la ferment jusqu'au prochain démarrage ; aucune autre adresse n'est jamais
 * fermée par les échecs des autres (ni une page d'un autre site, ni dix machines du réseau ne peuvent
 * verrouiller l'installation pour la personne qui la fait). Deviner 40 bits cinq essais par adresse
 * reste sans espoir : un million d'adresses n'en ont qu'une chance sur deux cent mille.
 */
public final class SetupCode {

    public static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int MAX_WRONG = 5;
    /** Au-delà, la plus ancienne adresse est oubliée (elle retrouve cinq essais) : la table reste bornée. */
    static final int REMEMBERED_ADDRESSES = 4096;

    public enum Verdict { ACCEPTED, MISSING, WRONG, LOCKED }

    private final byte[] code;
    private final java.util.Map<String, Integer> wrongByAddress = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED_ADDRESSES;
        }
    };

    public SetupCode(SecureRandom random) {
        StringBuilder chars = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            chars.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        this.code = chars.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** XXXX-XXXX, pour la ligne de log et elle seule. */
    public String display() {
        String text = new String(code, StandardCharsets.US_ASCII);
        return text.substring(0, 4) + "-" + text.substring(4);
    }

    /** Vrai quand cette adresse a donné cinq mauvais codes : plus rien d'elle ne passe avant un redémarrage. */
    public synchronized boolean locked(String address) {
        return wrongByAddress.getOrDefault(address, 0) >= MAX_WRONG;
    }

    /** Compare en temps constant ; casse, espaces et tiret ne comptent pas (un code recopié à la main). */
    public synchronized Verdict check(String given, String address) {
        if (locked(address)) {
            return Verdict.LOCKED;
        }
        if (given == null || given.isBlank()) {
            return Verdict.MISSING;
        }
        String normalized = given.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (MessageDigest.isEqual(code, normalized.getBytes(StandardCharsets.UTF_8))) {
            return Verdict.ACCEPTED;
        }
        wrongByAddress.merge(address, 1, Integer::sum);
        return Verdict.WRONG;
    }

    /** Jamais le code dans un toString (un log de débogage l'imprimerait). */
    @Override
    public String toString() {
        return "SetupCode[****-****]";
    }
}
