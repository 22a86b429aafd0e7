package com.calvalot.trade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.exchange.Exchange;
import com.calvalot.exchange.OrderNotSentException;
import com.calvalot.exchange.OrderRejectedException;
import com.calvalot.exchange.Side;
import com.calvalot.metrics.Meters;
import com.calvalot.portfolio.PortfolioValuation;

/**
 * Une vague d'ordres : les ventes ensemble, puis les achats ensemble (trading-rules.md, « Talking to
 * the exchange »). Avant qu'une vague parte, ses intentions passent « sending » dans UNE transaction
 * (celle du plan pour les ventes, celle des achats qui écrit aussi les exécutions des ventes) ; ses
 * ordres partent en parallèle ; leurs exécutions font bouger les liquidités du signal sans relire le
 * compte. Une issue inconnue met la suite en attente : rien n'est dimensionné sur des chiffres
 * qu'on ne connaît pas.
 */
public class OrderWave {

    private static final Logger LOG = LoggerFactory.getLogger(OrderWave.class);

    private final Exchange exchange;
    private final TradeLedger ledger;
    private final SignalLifecycle lifecycle;
    private final PortfolioValuation valuation;
    private final IntentRecovery recovery;
    private final Executor calls;

    public OrderWave(Exchange exchange, TradeLedger ledger, SignalLifecycle lifecycle, PortfolioValuation valuation,
                     Executor calls) {
        this.exchange = exchange;
        this.ledger = ledger;
        this.lifecycle = lifecycle;
        this.valuation = valuation;
        this.recovery = new IntentRecovery(exchange);
        this.calls = calls;
    }

    public void sells(@ExchangeProperty("signalRun") SignalRun run) {
        send(run, Side.SELL);
        run.timer().mark("sells");
    }

    /** Les achats ; leur transaction écrit aussi les issues des ventes (une écriture disque de moins). */
    public void buys(@ExchangeProperty("signalRun") SignalRun run) {
        send(run, Side.BUY);
        ledger.recordWave(run.takeUnrecorded());
        run.timer().mark("buys");
    }

    private void send(SignalRun run, Side side) {
        List<OrderIntent> open = run.open(side);
        if (run.stopped() || open.isEmpty()) {
            return;
        }
        // un plan tout juste écrit : sa première vague a passé le portail et s'est écrite « sending » avec lui
        // (les achats d'un plan sans vente déjà plafonnés à l'USDC disponible)
        boolean marked = run.marked(side);
        List<OrderResult> results = new ArrayList<>();
        List<OrderIntent> toSend = new ArrayList<>();
        for (OrderIntent intent : open) {
            boolean leftSending = !marked && intent.status().equals(OrderIntent.SENDING);
            OrderResult known = leftSending ? recovery.ask(intent, run.market()) : null;
            if (known == null) {
                toSend.add(intent);
            } else {
                results.add(known);
            }
        }
        List<OrderIntent> sending = toSend;
        List<OrderResult> toWrite = new ArrayList<>(run.takeUnrecorded());
        // des achats pas encore plafonnés (une vague de ventes les a précédés, ou une reprise)
        if (side == Side.BUY && !marked) {
            if (!toSend.isEmpty() && (run.cashLeft() == null || results.stream().anyMatch(OrderResult::unknown))) {
                // l'USDC restant est inconnu (soldes illisibles, un achat d'issue inconnue) : les achats attendent
                run.waitFor(run.cashLeft() == null ? "cash unknown (balances unreadable)"
                        : "a buy of this signal has an unknown outcome");
                sending = List.of();
            } else {
                BuyCaps.Capped capped = BuyCaps.cap(toSend, run.cashLeft(), exchange, run.market());
                sending = capped.sending();
                toWrite.addAll(capped.skipped());
            }
        }
        if (marked) {
            run.keep(toWrite);
        } else if (!throughGate(run, sending, toWrite)) {
            applied(run, side, results);
            return;
        }
        // tant que la vague est en route, une lecture du compte (tableau de bord, instantané) peut déjà
        // contenir ses exécutions : elle ne remplace pas les soldes que les réponses vont faire bouger
        valuation.ordersSent();
        try {
            results.addAll(sendAll(sending, run));
            applied(run, side, results);
        } finally {
            valuation.ordersAnswered();
        }
    }

    /**
     * Le portail avant la vague (SignalLifecycle) : elle s'écrit « sending » d'un bloc avec la décision, ou,
     * le signal arrêté (pause, mort, signal plus récent, délai), rien ne part et ses ordres restent à clore.
     */
    private boolean throughGate(SignalRun run, List<OrderIntent> sending, List<OrderResult> toWrite) {
        return lifecycle.throughGate(run.signalId(), stop -> {
            if (stop != null && !sending.isEmpty()) {
                run.stop(stop);
                ledger.markWave(List.of(), toWrite);
                return false;
            }
            ledger.markWave(sending, toWrite);
            return true;
        });
    }

    /** Les issues de la vague : gardées pour la transaction suivante, appliquées aux soldes et aux liquidités du signal. */
    private void applied(SignalRun run, Side side, List<OrderResult> results) {
        // écrites avec la vague suivante (ou juste après les achats) : d'ici là, « sending » dit de demander à la bourse
        run.keep(results);
        for (OrderResult result : results) {
            if (result.fill() != null && result.fresh()) {
                valuation.afterFill(result.intent().pair(), side, result.fill());
                run.applyFill(side, result.fill());
            } else if (result.fill() != null) {
                // retrouvé à la bourse (réponse perdue) : les soldes connus l'ont-ils déjà ? on ne sait pas
                valuation.forgetBalances();
            } else if (result.unknown()) {
                run.waitFor(result.reason());
            }
        }
    }

    /** Tous les ordres de la vague en même temps : un aller-retour pour la vague, pas un par ordre. */
    private List<OrderResult> sendAll(List<OrderIntent> wave, SignalRun run) {
        if (wave.size() <= 1) {
            return wave.stream().map(intent -> attempt(intent, run)).toList();
        }
        List<CompletableFuture<OrderResult>> pending = wave.stream()
                .map(intent -> CompletableFuture.supplyAsync(() -> attempt(intent, run), calls)).toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Ne lève jamais : un refus est écrit et jamais renvoyé ; une issue inconnue reste « sending ». */
    private OrderResult attempt(OrderIntent intent, SignalRun run) {
        String order = intent.clientOrderId() + " " + intent.side() + " " + intent.pair();
        try {
            // un renvoi (l'envoi perdu, jamais reçu par la bourse) repasse le portail : après une pause confirmée, rien ne part
            OrderResult filled = OrderResult.filled(intent, exchange.place(intent.request(run.market().price(intent.pair())),
                    () -> lifecycle.throughGate(run.signalId(), stop -> {
                        if (stop != null) {
                            run.stop(stop);
                        }
                        return stop == null;
                    })), run.market(), true);
            Meters.order(intent.side(), "filled");
            return filled;
        } catch (OrderNotSentException e) {
            SignalLifecycle.Stop stop = run.stopReason();
            LOG.warn("Order {}: {}", order, e.getMessage());
            return OrderResult.closed(intent, stop == null ? OrderIntent.ABANDONED : stop.intentStatus(),
                    intent.pair() + " " + intent.side() + " not sent again: " + (stop == null ? e.getMessage() : stop.reason()));
        } catch (OrderRejectedException e) {
            Meters.order(intent.side(), "rejected");
            LOG.warn("Order {} refused by the exchange: {}", order, e.getMessage());
            if (e.filterFailure()) {
                exchange.rules().refreshAfterRefusal();
            }
            return OrderResult.closed(intent, OrderIntent.REJECTED, intent.pair() + " " + intent.side() + " refused: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            Meters.order(intent.side(), "unknown");
            LOG.warn("Order {}: {}; the rest of signal {} waits until Binance can tell", order, e.getMessage(),
                    intent.signalId());
            return OrderResult.closed(intent, OrderIntent.SENDING, e.getMessage());
        }
    }
}
