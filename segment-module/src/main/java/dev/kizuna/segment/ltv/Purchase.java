package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;

import java.time.LocalDate;

/** One purchase of a customer on a day, amount in the shop's currency. */
public record Purchase(String customerId, LocalDate date, double amount) {

    public Purchase {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidInput("customerId", "required");
        }
        if (date == null) {
            throw new InvalidInput("date", "required");
        }
        if (!Double.isFinite(amount) || amount < 0) {
            throw new InvalidInput("amount", "ltv.amount", String.valueOf(amount));
        }
    }
}
