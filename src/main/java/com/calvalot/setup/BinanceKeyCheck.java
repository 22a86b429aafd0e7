package com.calvalot.setup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.calvalot.config.Settings;
import com.calvalot.exchange.BinanceAccount;
import com.calvalot.exchange.BinanceApiException;
import com.calvalot.exchange.BinanceHttp;
import com.calvalot.exchange.BinanceRateGate;
import com.calvalot.exchange.BinanceTransport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * La clé Binance d'un suiveur en live, lue pour de vrai : le compte (le solde USDC s'affiche) puis
 * les droits de la clé (GET /sapi/v1/account/apiRestrictions). Une clé qui peut retirer des fonds
 * est refusée : un suiveur n'en a jamais besoin, et une telle clé volée vide le compte.
 */
public class BinanceKeyCheck {

    /** {@code withdrawalsEnabled} : null quand on n'a pas pu le savoir. */
    public record Result(boolean ok, BigDecimal balanceUsdc, Boolean withdrawalsEnabled, String problem) {
    }

    public static final String WITHDRAWALS_REFUSED = "This Binance API key is allowed to withdraw funds. A follower never "
            + "needs that right, and a stolen key with it can empty the account. On Binance: Profile → API Management → "
            + "Edit restrictions on this key → untick \"Enable Withdrawals\" → Save, then check again";

    private final Clock clock;

    public BinanceKeyCheck(Clock clock) {
        this.clock = clock;
    }

    public Result check(Settings candidate) {
        // un transport le temps de la vérification : la clé proposée n'est pas encore celle du suiveur
        try (BinanceTransport transport = new BinanceTransport(Duration.ofSeconds(10))) {
            return check(candidate, new BinanceHttp(transport, candidate.binanceBaseUrl(), candidate.binanceApiKey(),
                    candidate.binanceApiSecret(), new BinanceRateGate(clock), Clock.systemUTC(), Duration.ofSeconds(10),
                    Duration.ofSeconds(5)));
        }
    }

    private Result check(Settings candidate, BinanceHttp http) {
        BigDecimal balance;
        try {
            balance = new BinanceAccount(http).read().cashUsdc();
        } catch (BinanceApiException e) {
            return new Result(false, null, null, inWords(e));
        }
        JsonNode rights;
        try {
            rights = http.signed("GET", "/sapi/v1/account/apiRestrictions", Map.of());
        } catch (BinanceApiException e) {
            if (candidate.binanceTestnet() && e.httpStatus() == 404) {
                // le testnet n'a ni /sapi ni retraits : rien à craindre d'une clé de test
                return new Result(true, balance, null, null);
            }
            return new Result(false, balance, null, "Binance did not say whether this key can withdraw funds ("
                    + inWords(e) + "); a key that cannot be checked is not used");
        }
        JsonNode withdrawals = rights.get("enableWithdrawals");
        if (withdrawals == null || !withdrawals.isBoolean()) {
            return new Result(false, balance, null, "Binance did not say whether this key can withdraw funds; a key that cannot be checked is not used");
        }
        if (withdrawals.booleanValue()) {
            return new Result(false, balance, true, WITHDRAWALS_REFUSED);
        }
        if (!rights.path("enableSpotAndMarginTrading").asBoolean(true)) {
            return new Result(false, balance, false, "This Binance API key cannot trade. On Binance: Profile → API Management → "
                    + "Edit restrictions on this key → tick \"Enable Spot & Margin Trading\" → Save, then check again");
        }
        return new Result(true, balance, false, null);
    }

    /** Ce que Binance a répondu, dit pour une personne ; jamais la clé ni l'URL signée. */
    static String inWords(BinanceApiException e) {
        if (e.httpStatus() == BinanceApiException.NO_ANSWER) {
            return "Binance could not be reached: check that this machine can reach the internet";
        }
        if (e.code() == -2015 || e.code() == -2014 || e.httpStatus() == 401) {
            return "Binance refused the API key: check the key, and that it allows this machine's IP address";
        }
        if (e.code() == -1022) {
            return "Binance refused the signature: check the API secret (Binance shows it once, when the key is made)";
        }
        if (e.code() == -1021) {
            return "Binance refused the request's time: this machine's clock is off, set it right";
        }
        if (e.rateLimited()) {
            return "Binance asks to slow down (HTTP " + e.httpStatus() + "): try again in a minute";
        }
        return "Binance refused the key check: " + e.getMessage();
    }
}
