package com.calvalot.trade;

import java.math.BigDecimal;
import java.util.Optional;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.agent.AgentStateRepository;
import com.calvalot.exchange.OrderFill;
import com.calvalot.exchange.OrderOutcomeUnknownException;
import com.calvalot.exchange.OrderRejectedException;
import com.calvalot.exchange.OrderRequest;
import com.calvalot.exchange.Side;
import com.calvalot.money.Money;
import com.calvalot.ops.Meters;
import com.calvalot.portfolio.PortfolioValuation;

/**
 * Les trois temps d'un ordre, chacun une étape de la route : préparer (agent vivant, achat plafonné
 * aux liquidités relues, intention validée « sending » AVANT l'envoi), envoyer, enregistrer.
 */
public class OrderSender {

    static final String INTENT = "orderIntent";
    private static final Logger LOG = LoggerFactory.getLogger(OrderSender.class);

    private final com.calvalot.exchange.Exchange exchange;
    private final TradeLedger ledger;
    private final AgentStateRepository agentState;
    private final PortfolioValuation valuation;

    public OrderSender(com.calvalot.exchange.Exchange exchange, TradeLedger ledger, AgentStateRepository agentState,
                       PortfolioValuation valuation) {
        this.exchange = exchange;
        this.ledger = ledger;
        this.agentState = agentState;
        this.valuation = valuation;
    }

    /** L'ordre à envoyer, ou null s'il ne part pas (déjà connu de la bourse, écarté, signal arrêté). */
    public OrderRequest prepare(@Body OrderIntent intent, @ExchangeProperty("signalRun") SignalRun run, Exchange camel) {
        if (run.halted()) {
            return null;
        }
        // vérifié juste avant chaque envoi : un agent mort ne passe plus jamais d'ordre
        if (agentState.isDead()) {
            run.halt("agent is DEAD: no order is ever placed again");
            return null;
        }
        BigDecimal price = run.market().price(intent.pair());
        if (intent.status().equals(OrderIntent.SENDING) && recoveredFromExchange(intent, price, run)) {
            return null;
        }
        OrderIntent sized = intent.sized(intent.quoteAmount(), intent.quantity());
        if (intent.side() == Side.BUY) {
            BigDecimal cash = valuation.valueAt(run.market()).cashUsdt();
            if (cash == null) {
                run.halt("cash unknown (balances unreadable): remaining orders not sent");
                return null;
            }
            BigDecimal spendable = exchange.spendable(cash);
            if (spendable.compareTo(intent.quoteAmount()) < 0) {
                PlannedOrder capped = OrderSizing.buy(intent.pair(), Money.down(spendable), price, exchange.rules());
                if (capped.isSkipped()) {
                    ledger.markClosed(intent.id(), OrderIntent.SKIPPED, intent.pair() + " BUY unaffordable: "
                            + Money.plain(Money.down(cash)) + " USDC of cash left (" + capped.skipReason() + ")");
                    return null;
                }
                sized = intent.sized(capped.quoteAmount(), null);
            }
        }
        ledger.markSending(sized);
        camel.setProperty(INTENT, sized);
        return sized.request(price);
    }

    /** Reprise : la bourse a-t-elle déjà cet ordre ? Alors on l'enregistre tel qu'elle l'a exécuté. */
    private boolean recoveredFromExchange(OrderIntent intent, BigDecimal price, SignalRun run) {
        try {
            Optional<OrderFill> found = exchange.find(intent.request(price));
            found.ifPresent(fill -> {
                LOG.info("Order {} {} {} found on the exchange: recorded, not resent", intent.clientOrderId(),
                        intent.side(), intent.pair());
                ledger.recordFill(intent, fill);
            });
            return found.isPresent();
        } catch (OrderOutcomeUnknownException e) {
            run.halt(e.getMessage());
            return true;
        }
    }

    /** Ce que la bourse a exécuté, ou null : un refus est écrit et jamais renvoyé, une issue inconnue arrête le signal. */
    public OrderFill send(@Body OrderRequest order, @ExchangeProperty("signalRun") SignalRun run,
                          @ExchangeProperty(INTENT) OrderIntent intent) {
        try {
            return exchange.place(order);
        } catch (OrderRejectedException e) {
            LOG.warn("Order {} {} {} refused by the exchange: {}", order.clientOrderId(), order.side(), order.pair(),
                    e.getMessage());
            ledger.markClosed(intent.id(), OrderIntent.REJECTED, order.pair() + " " + order.side() + " refused: " + e.getMessage());
            Meters.order(order.side(), "rejected");
            return null;
        } catch (OrderOutcomeUnknownException e) {
            LOG.error("Order {} {} {}: {}", order.clientOrderId(), order.side(), order.pair(), e.getMessage());
            ledger.markClosed(intent.id(), OrderIntent.SENDING, e.getMessage());
            run.halt(e.getMessage());
            Meters.order(order.side(), "unknown");
            return null;
        }
    }

    public void record(@Body OrderFill fill, @ExchangeProperty(INTENT) OrderIntent intent) {
        ledger.recordFill(intent, fill);
        Meters.order(intent.side(), "filled");
    }
}
