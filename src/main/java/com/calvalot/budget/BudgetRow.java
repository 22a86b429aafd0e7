package com.calvalot.budget;

import java.math.BigDecimal;

/** La ligne unique de la table budget. */
public record BudgetRow(String mode, BigDecimal initialTotalEur, BigDecimal totalDepositedEur,
                        BigDecimal totalWithdrawnEur, String createdAt) {

    /** Ce qui a été mis moins ce qui a été retiré : la base du P&L. */
    public BigDecimal netDepositedEur() {
        return totalDepositedEur.subtract(totalWithdrawnEur);
    }
}
