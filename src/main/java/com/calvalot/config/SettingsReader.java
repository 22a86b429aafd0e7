package com.calvalot.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import com.calvalot.json.BoundedNumbers;

/**
 * Lecture typée d'une variable ; chaque erreur nomme la variable et ce qu'elle accepte, et le
 * fichier quand la valeur vient de config.json. Une variable vide de l'environnement laisse
 * parler le fichier (comme le suiveur d'origine : .env.example pose des variables vides).
 */
record SettingsReader(Map<String, String> env, Map<String, String> file, Path filePath) {

    /** Plus fin qu'un satoshi de satoshi : aucun réglage n'en a besoin. */
    static final int MAX_SETTING_SCALE = 18;

    String text(String name) {
        String value = blankToNull(env.get(name));
        return value != null ? value : blankToNull(file.get(name));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Vrai si la valeur lue vient du fichier de réglages. */
    boolean fromFile(String name) {
        return blankToNull(env.get(name)) == null && blankToNull(file.get(name)) != null;
    }

    /** Le nom de la variable, suivi du fichier quand c'est lui qui l'a donnée. */
    String where(String name) {
        return fromFile(name) ? name + " in " + filePath : name;
    }

    /** « (LEADER_URL is read from …) » quand une règle croisée vient du fichier, sinon rien. */
    String sourceNote(String name) {
        return fromFile(name) ? " (" + name + " is read from " + filePath + ")" : "";
    }

    String textOr(String name, String fallback) {
        String value = text(name);
        return value == null ? fallback : value;
    }

    /** Une liste de noms d'hôte séparés par des virgules (ALLOWED_HOSTS) ; vide si la variable l'est. */
    java.util.List<String> hostNames(String name) {
        String value = text(name);
        if (value == null) {
            return java.util.List.of();
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String host = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (!host.matches("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*\\.?") || host.length() > 253) {
                throw new SettingsException(where(name) + " must be a comma list of host names such as follower.lan, got '"
                        + part.trim() + "'");
            }
            names.add(host);
        }
        return java.util.List.copyOf(names);
    }

    /**
     * Une liste d'identifiants Telegram séparés par des virgules (TELEGRAM_USER_IDS) : des nombres
     * entiers positifs ; vide si la variable l'est.
     */
    java.util.Set<Long> telegramUserIds(String name) {
        String value = text(name);
        if (value == null) {
            return java.util.Set.of();
        }
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        for (String part : value.split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            // un identifiant de compte Telegram tient en 52 bits : quinze chiffres au plus
            if (!id.matches("[0-9]{1,15}") || Long.parseLong(id) == 0) {
                throw new SettingsException(where(name) + " must be a comma list of Telegram user ids (whole numbers "
                        + "such as 123456789), got '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'");
            }
            ids.add(Long.parseLong(id));
        }
        return java.util.Set.copyOf(ids);
    }

    boolean bool(String name, boolean fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(where(name) + " must be true or false, got '" + value + "'");
        };
    }

    int integer(String name, int fallback, int min, int max) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // message commun ci-dessous
        }
        throw new SettingsException(where(name) + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    BigDecimal decimal(String name, String fallback, boolean zeroAllowed, BigDecimal max, String accepts) {
        String value = textOr(name, fallback);
        try {
            BigDecimal parsed = new BigDecimal(value);
            if (!sized(parsed)) {
                throw new NumberFormatException("out of range");
            }
            boolean lowOk = zeroAllowed ? parsed.signum() >= 0 : parsed.signum() > 0;
            boolean highOk = max == null || parsed.compareTo(max) <= 0;
            if (lowOk && highOk) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // message commun ci-dessous
        }
        throw new SettingsException(where(name) + " must be " + accepts + ", got '" + value + "'");
    }

    /**
     * Un réglage borné par sa TAILLE : 1e-100000000 ou 1e999999999 tiennent en quelques caractères
     * mais un arrondi ou un affichage les développerait en millions de chiffres.
     */
    static boolean sized(BigDecimal value) {
        return value.scale() <= MAX_SETTING_SCALE && !BoundedNumbers.isHuge(value);
    }

    <E extends Enum<E>> E oneOf(String name, String fallback, Class<E> type) {
        String value = textOr(name, fallback);
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            String wire = constant.name().toLowerCase();
            if (wire.equals(value)) {
                return constant;
            }
            accepted.append(accepted.length() == 0 ? "" : " or ").append(wire);
        }
        throw new SettingsException(where(name) + " must be " + accepted + ", got '" + value + "'");
    }

    /** Une URL http(s) sans slash final ; jamais recopiée dans le message (elle peut être privée). */
    /** Une heure « HH:MM » sur 24 h, ou null si absente. */
    java.time.LocalTime hourMinute(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        if (value.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            return java.time.LocalTime.parse(value);
        }
        throw new SettingsException(where(name) + " must be a time HH:MM (00:00 to 23:59), got '" + value + "'");
    }

    String httpUrl(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            // URI accepte n'importe quel port écrit en chiffres : au-delà de 65535, chaque appel échouerait
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null && uri.getPort() <= 65535) {
                return value.replaceAll("/+$", "");
            }
        } catch (Exception ignored) {
            // message commun ci-dessous
        }
        throw new SettingsException(where(name) + " must be an http(s)://host[:port] URL");
    }

    Path path(String name, String fallback) {
        String value = textOr(name, fallback);
        try {
            return Path.of(value);
        } catch (Exception e) {
            throw new SettingsException(where(name) + " must be a file path, got '" + value + "'");
        }
    }
}
