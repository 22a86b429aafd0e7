package com.calvalot.market;

/** Les prix publics (paires suivies + EURUSDC), en cache 60 s ; ne lève jamais d'exception. */
public interface MarketData {

    /** Les prix du cache, relus si plus vieux que 60 s. */
    MarketSnapshot latest();

    /** Relit les prix maintenant (au début d'un signal). */
    MarketSnapshot refresh();
}
