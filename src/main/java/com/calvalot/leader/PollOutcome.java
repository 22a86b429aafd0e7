package com.calvalot.leader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Le résultat d'un cycle de poll, tel que l'API le sert dans {@code last_poll} :
 * {@code {"status": …}} plus {@code signal_id}, {@code trades} et {@code error} quand ils s'appliquent.
 * Il voyage dans la propriété d'échange {@link #PROPERTY}.
 */
public record PollOutcome(String status, String signalId, Integer trades, String error) {

    public static final String PROPERTY = "pollOutcome";

    public static PollOutcome of(String status) {
        return new PollOutcome(status, null, null, null);
    }

    public static PollOutcome failed(String status, String error) {
        return new PollOutcome(status, null, null, error);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        if (signalId != null) {
            json.put("signal_id", signalId);
        }
        if (trades != null) {
            json.put("trades", trades);
        }
        if (error != null) {
            json.put("error", error);
        }
        return json;
    }
}
