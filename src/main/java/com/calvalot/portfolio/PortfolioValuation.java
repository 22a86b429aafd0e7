package com.calvalot.portfolio;

/** Calcule la valeur du portefeuille (dry run : le registre local ; live : les soldes Binance). */
public interface PortfolioValuation {

    /** Aux prix du cache (pour l'API : ne doit jamais échouer parce que la bourse est injoignable). */
    PortfolioValue current();
}
