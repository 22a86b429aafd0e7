package com.calvalot.exchange;

/** Le sens d'un ordre au comptant. */
public enum Side {
    BUY, SELL
}
