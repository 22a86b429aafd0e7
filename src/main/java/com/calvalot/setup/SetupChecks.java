package com.calvalot.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.calvalot.config.ConfigurationSource;
import com.calvalot.config.Settings;
import com.calvalot.config.SettingsException;

/**
 * Les vérifications communes à validate et save : les champs, une variable de l'environnement qui
 * écraserait un choix, une vraie requête signée au leader, et en live la clé Binance.
 */
public class SetupChecks {

    /** Le nom de chaque variable du formulaire tel que la page le montre. */
    private static final Map<String, String> LABELS = Map.of("LEADER_URL", "Leader address",
            "SIGNAL_SECRET", "Signal secret", "TRADING_MODE", "Mode", "INITIAL_BUDGET_EUR", "Budget",
            "BINANCE_TESTNET", "Spot testnet", "BINANCE_API_KEY", "Binance API key",
            "BINANCE_API_SECRET", "Binance API secret", "API_USER", "Dashboard user", "API_PASSWORD_HASH", "Dashboard password");

    /** La réponse de validate, et la liste des fautes qui ferait refuser save. */
    public record Report(Map<String, Object> answer, List<String> problems) {
    }

    private final ConfigurationSource source;
    private final LeaderCheck leader;
    private final BinanceKeyCheck binance;

    public SetupChecks(ConfigurationSource source, LeaderCheck leader, BinanceKeyCheck binance) {
        this.source = source;
        this.leader = leader;
        this.binance = binance;
    }

    /**
     * Toutes les fautes à la fois : celles du formulaire, puis, dès que de quoi joindre le leader (et la
     * bourse) est juste, ce qu'ils répondent, même si le mot de passe du tableau de bord est encore à revoir.
     */
    public Report run(SetupForm form, boolean forSave) {
        List<String> problems = new ArrayList<>(form.connectionProblems());
        problems.addAll(environmentWins(form, forSave));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("leader_ok", false);
        answer.put("leader_status", null);
        answer.put("binance_ok", form.live() ? false : null);
        answer.put("binance_balance_usdc", null);
        answer.put("withdrawals_enabled", null);
        Settings candidate = null;
        if (problems.isEmpty()) {
            try {
                candidate = source.preview(form.fileValues(null));
            } catch (SettingsException e) {
                problems.add(e.getMessage());
            }
        }
        if (candidate != null) {
            LeaderCheck.Result result = leader.check(candidate.leaderUrl(), candidate.signalSecret());
            answer.put("leader_ok", result.ok());
            answer.put("leader_status", result.status());
            if (!result.ok()) {
                problems.add(result.problem());
            }
            if (form.live()) {
                BinanceKeyCheck.Result key = binance.check(candidate);
                answer.put("binance_ok", key.ok());
                answer.put("binance_balance_usdc", key.balanceUsdc());
                answer.put("withdrawals_enabled", key.withdrawalsEnabled());
                if (!key.ok()) {
                    problems.add(key.problem());
                }
            }
        }
        problems.addAll(form.dashboardProblems(forSave));
        answer.put("errors", List.copyOf(problems));
        return new Report(answer, List.copyOf(problems));
    }

    /**
     * Une variable posée dans l'environnement (.env) l'emporte sur config.json : un choix différent
     * sur la page serait ignoré sans bruit. Dit en mots, sans aucune des deux valeurs.
     */
    private List<String> environmentWins(SetupForm form, boolean forSave) {
        List<String> problems = new ArrayList<>();
        Map<String, String> chosen = new LinkedHashMap<>(form.fileValues(null));
        if (forSave || form.dashboardPassword() != null) {
            chosen.put("API_PASSWORD_HASH", "");
        }
        chosen.forEach((name, value) -> {
            String inEnv = source.environmentValue(name);
            if (inEnv != null && !same(name, inEnv, value)) {
                problems.add(LABELS.getOrDefault(name, name) + ": " + name + " is set in the environment (.env), which wins "
                        + "over this page; remove it from .env and restart, or " + (name.equals("API_PASSWORD_HASH")
                        ? "keep the password it holds" : "choose the same value here"));
            }
        });
        return problems;
    }

    private static boolean same(String name, String inEnv, String chosen) {
        if (name.equals("API_PASSWORD_HASH")) {
            return false;
        }
        if (name.equals("INITIAL_BUDGET_EUR")) {
            try {
                return new java.math.BigDecimal(inEnv).compareTo(new java.math.BigDecimal(chosen)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return inEnv.equalsIgnoreCase(chosen.trim()) && (name.equals("TRADING_MODE") || name.equals("BINANCE_TESTNET")
                || inEnv.equals(chosen.trim()));
    }
}
