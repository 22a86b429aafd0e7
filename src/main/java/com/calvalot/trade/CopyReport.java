package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.db.Sql;
import com.calvalot.json.Json;
import com.calvalot.market.MarketSnapshot;
import com.calvalot.money.Money;
import com.calvalot.portfolio.PortfolioValuation;
import com.calvalot.portfolio.PortfolioValue;
import com.calvalot.signal.Signal;
import com.calvalot.signal.SignalStatus;
import com.calvalot.signal.TrackedPairs;

/**
 * Le rapport de copie d'un signal exécuté (ou partiel) qui porte un portfolio_state (api.md, {@code copy}) :
 * la part visée par paire, la part atteinte d'après les soldes laissés par ses fills (aux prix lus
 * au début du signal), le plus grand écart, et le coût (frais + glissement contre ces prix).
 * Calculé une fois, à la fin du signal, et gardé dans signals.copy_report : l'API ne fait que le relire.
 */
public class CopyReport {

    private static final Logger LOG = LoggerFactory.getLogger(CopyReport.class);

    private final Sql sql;
    private final PortfolioValuation valuation;

    public CopyReport(Sql sql, PortfolioValuation valuation) {
        this.sql = sql;
        this.valuation = valuation;
    }

    record Fill(String pair, BigDecimal price, BigDecimal quantity, BigDecimal feeUsdt) {
    }

    /** Étape de la route, après {@code signalExecution.finish} ; un rapport manqué ne touche jamais au signal. */
    public void record(@ExchangeProperty("signalRun") SignalRun run, @Header("signalOutcome") String outcome) {
        // un signal déjà terminé (market null) garde le rapport écrit la première fois
        if (run == null || run.market() == null || !(SignalStatus.EXECUTED.wireName().equals(outcome)
                || SignalStatus.PARTIAL.wireName().equals(outcome))) {
            return;
        }
        try {
            Signal signal = SignalRows.read(sql, run.signalId());
            if (signal == null || signal.portfolioState() == null) {
                return;
            }
            // les soldes que les exécutions ont laissés (sans relire le compte), aux prix du début du signal
            PortfolioValue held = valuation.current();
            PortfolioValue after = PortfolioValue.of(held.cashUsdt(), held.quantities(), run.market(), held.reliable());
            if (!after.reliable()) {
                LOG.warn("Copy report of signal {} not recorded: balances or prices unreadable", run.signalId());
                return;
            }
            Map<String, Object> report = of(signal.targets(), after, fills(run.signalId()), run.market());
            report.put("notes", notes(run.signalId()));
            sql.update("UPDATE signals SET copy_report = ? WHERE signal_id = ?", Json.write(report), run.signalId());
        } catch (RuntimeException e) {
            LOG.warn("Copy report of signal {} not recorded: {}", run.signalId(), e.getMessage());
        }
    }

    static Map<String, Object> of(Map<String, BigDecimal> targets, PortfolioValue after, List<Fill> fills,
                                  MarketSnapshot start) {
        Map<String, BigDecimal> target = new LinkedHashMap<>();
        Map<String, BigDecimal> reached = new LinkedHashMap<>();
        BigDecimal maxGap = BigDecimal.ZERO;
        for (String pair : TrackedPairs.ALL) {
            BigDecimal wanted = targets.getOrDefault(pair, BigDecimal.ZERO);
            BigDecimal got = after.share(pair);
            target.put(pair, Money.forJson(wanted));
            reached.put(pair, Money.forJson(got));
            maxGap = maxGap.max(wanted.subtract(got).abs());
        }
        BigDecimal cost = BigDecimal.ZERO;
        for (Fill fill : fills) {
            BigDecimal startPrice = start.price(fill.pair());
            BigDecimal slippage = startPrice == null ? BigDecimal.ZERO
                    : fill.price().subtract(startPrice).abs().multiply(fill.quantity());
            cost = cost.add(fill.feeUsdt() == null ? BigDecimal.ZERO : fill.feeUsdt()).add(slippage);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("target", target);
        report.put("reached", reached);
        report.put("max_gap", Money.forJson(maxGap));
        report.put("cost_usdt", Money.forJson(cost));
        return report;
    }

    /**
     * Pourquoi la copie n'a pas atteint les cibles là où elle ne l'a pas fait : la raison de chaque ordre écarté,
     * abandonné ou arrêté (minimum, filtres, limites, paire non résolue ou intradable, signal dépassé).
     */
    private List<String> notes(String signalId) {
        return sql.list("SELECT reason FROM order_intents WHERE signal_id = ? AND reason IS NOT NULL ORDER BY seq",
                rs -> rs.getString(1), signalId);
    }

    private List<Fill> fills(String signalId) {
        return sql.list("SELECT coin, price, quantity, fee_usdt FROM trades WHERE signal_id = ? ORDER BY id",
                rs -> new Fill(rs.getString(1), Money.fromDb(rs.getString(2)), Money.fromDb(rs.getString(3)),
                        Money.fromDb(rs.getString(4))), signalId);
    }
}
