package com.calvalot.leader;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.calvalot.agent.AgentStateRepository;

/**
 * Décide si ce cycle interroge le leader : pas quand l'agent est en pause ou mort, ni quand aucun
 * leader n'est configuré. Dans ces cas l'issue du cycle est posée ({@code paused}, {@code dead},
 * {@code not_configured}) et le reste du cycle saute l'appel.
 */
public class PollGate implements Processor {

    private final AgentStateRepository agentState;
    private final boolean leaderConfigured;

    public PollGate(AgentStateRepository agentState, boolean leaderConfigured) {
        this.agentState = agentState;
        this.leaderConfigured = leaderConfigured;
    }

    @Override
    public void process(Exchange exchange) {
        String closed = agentState.isDead() ? "dead"
                : agentState.isPaused() ? "paused"
                : !leaderConfigured ? "not_configured"
                : null;
        if (closed != null) {
            exchange.setProperty(PollOutcome.PROPERTY, PollOutcome.of(closed));
        }
    }
}
