package com.calvalot.setup;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.security.HashPasswordCommand;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Le formulaire d'installation (corps JSON de validate et save, setup.md) et ses règles, chaque faute
 * dite en mots et toutes à la fois. Les valeurs ne sont jamais recopiées dans un message.
 */
public record SetupForm(String setupCode, String leaderUrl, String signalSecret, String tradingMode,
                        BigDecimal initialBudgetEur, String binanceApiKey, String binanceApiSecret,
                        boolean binanceTestnet, String dashboardUser, String dashboardPassword,
                        String dashboardPasswordAgain, List<String> typeProblems) {

    public static final int MIN_PASSWORD_LENGTH = HashPasswordCommand.MIN_PASSWORD_LENGTH;
    static final String PASSWORDS_DIFFER = "Dashboard password: the two passwords differ";
    private static final int MAX_TEXT = 1024;

    public boolean live() {
        return "live".equals(tradingMode);
    }

    /** Lit le corps ; un champ du mauvais type devient une faute, jamais une exception. */
    public static SetupForm read(JsonNode body) {
        List<String> problems = new ArrayList<>();
        String mode = text(body, "trading_mode", problems);
        String user = text(body, "dashboard_user", problems);
        return new SetupForm(text(body, "setup_code", problems), text(body, "leader_url", problems),
                text(body, "signal_secret", problems), mode == null ? "dry_run" : mode,
                budget(body, problems), text(body, "binance_api_key", problems), text(body, "binance_api_secret", problems),
                flag(body, "binance_testnet", problems), user == null ? "admin" : user,
                rawText(body, "dashboard_password", problems), rawText(body, "dashboard_password_again", problems),
                List.copyOf(problems));
    }

    /**
     * Toutes les fautes du formulaire. {@code forSave} : le mot de passe est exigé (validate peut
     * vérifier le leader et la clé avant qu'il soit choisi).
     */
    public List<String> problems(boolean forSave) {
        List<String> problems = new ArrayList<>(connectionProblems());
        problems.addAll(dashboardProblems(forSave));
        return problems;
    }

    /** Les fautes de ce qu'il faut pour joindre le leader et la bourse (tant qu'il y en a, on n'appelle personne). */
    public List<String> connectionProblems() {
        List<String> problems = new ArrayList<>(typeProblems);
        if (leaderUrl == null) {
            problems.add("Leader address: required (the address the leader's operator gave you, https://…)");
        } else if (!isHttpUrl(leaderUrl)) {
            problems.add("Leader address: must start with http:// or https:// followed by a host name");
        }
        if (signalSecret == null) {
            problems.add("Signal secret: required (the shared secret the leader's operator gave you)");
        }
        if (!"dry_run".equals(tradingMode) && !"live".equals(tradingMode)) {
            problems.add("Mode: must be dry_run (simulated, recommended to start) or live");
        }
        if (initialBudgetEur != null && initialBudgetEur.signum() <= 0) {
            problems.add("Budget: must be an amount of euros greater than 0");
        }
        if (live()) {
            if (binanceApiKey == null) {
                problems.add("Binance API key: required in live mode");
            }
            if (binanceApiSecret == null) {
                problems.add("Binance API secret: required in live mode");
            }
        }
        return problems;
    }

    /** Les fautes de l'accès au tableau de bord : elles n'empêchent pas de vérifier le leader et la clé. */
    List<String> dashboardProblems(boolean forSave) {
        List<String> problems = new ArrayList<>();
        if (dashboardUser.contains(":") || dashboardUser.length() > 64) {
            problems.add("Dashboard user: at most 64 characters, without ':'");
        }
        if (dashboardPassword == null || dashboardPassword.isEmpty()) {
            if (forSave) {
                problems.add("Dashboard password: required (at least " + MIN_PASSWORD_LENGTH + " characters); it protects the dashboard");
            }
        } else if (dashboardPassword.codePointCount(0, dashboardPassword.length()) < MIN_PASSWORD_LENGTH) {
            problems.add("Dashboard password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        // la page envoie les deux saisies : une différence est une faute de plus, dite avec les autres
        if (dashboardPasswordAgain != null && !dashboardPasswordAgain.equals(dashboardPassword == null ? "" : dashboardPassword)) {
            problems.add(PASSWORDS_DIFFER);
        }
        return problems;
    }

    /** Les clés de config.json (noms des variables, valeurs en texte) ; les clés Binance en live seulement. */
    public Map<String, String> fileValues(String passwordHash) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LEADER_URL", leaderUrl == null ? "" : leaderUrl.replaceAll("/+$", ""));
        values.put("SIGNAL_SECRET", signalSecret == null ? "" : signalSecret);
        values.put("TRADING_MODE", tradingMode);
        values.put("INITIAL_BUDGET_EUR", (initialBudgetEur == null ? new BigDecimal("100") : initialBudgetEur).toPlainString());
        values.put("BINANCE_TESTNET", String.valueOf(binanceTestnet));
        if (live()) {
            values.put("BINANCE_API_KEY", binanceApiKey);
            values.put("BINANCE_API_SECRET", binanceApiSecret);
        }
        values.put("API_USER", dashboardUser);
        if (passwordHash != null) {
            values.put("API_PASSWORD_HASH", passwordHash);
        }
        return values;
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Un texte débarrassé de ses blancs, null s'il est absent ou vide. */
    private static String text(JsonNode body, String field, List<String> problems) {
        String raw = rawText(body, field, problems);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /** Le mot de passe garde ses espaces : ils en font partie. */
    private static String rawText(JsonNode body, String field, List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > MAX_TEXT) {
            problems.add(field + ": must be text of at most " + MAX_TEXT + " characters");
            return null;
        }
        return value.textValue();
    }

    private static boolean flag(JsonNode body, String field, List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.add(field + ": must be true or false");
            return false;
        }
        return value.booleanValue();
    }

    /** Un nombre JSON ou un texte numérique (un champ de formulaire) ; borné pour ne rien coûter à lire. */
    private static BigDecimal budget(JsonNode body, List<String> problems) {
        JsonNode value = body.get("initial_budget_eur");
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            return null;
        }
        String text = value.isNumber() ? value.asText() : value.isTextual() ? value.textValue().trim().replace(',', '.') : null;
        if (text != null && text.matches("\\d{1,12}(\\.\\d{1,8})?")) {
            return new BigDecimal(text);
        }
        problems.add("Budget: must be an amount of euros such as 100 or 250.50");
        return null;
    }
}
