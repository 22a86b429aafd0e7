package com.calvalot.soak;

/** Un invariant d'argent violé : son nom et ce que le soak a vu. */
final class SoakViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    final String invariant;

    SoakViolation(String invariant, String detail) {
        super(invariant + ": " + detail);
        this.invariant = invariant;
    }
}
