package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;

/**
 * One version of the merchant's earning rules. {@code version} is null for the configured defaults (no version
 * saved yet). An order earns by the version whose {@code effectiveFrom} is the latest not after its submission.
 *
 * @param baseRatePer100 points per 100 units of the earning amount (1 = 1 %)
 */
public record EarningRules(Integer version, int baseRatePer100, long registrationBonus, long firstOrderBonus,
                           Instant effectiveFrom) {

    public EarningRules {
        if (baseRatePer100 < 0 || baseRatePer100 > 100) {
            throw new InvalidInput("baseRatePer100", "out-of-range", 0, 100);
        }
        if (registrationBonus < 0 || registrationBonus > 1_000_000) {
            throw new InvalidInput("registrationBonus", "out-of-range", 0, 1_000_000);
        }
        if (firstOrderBonus < 0 || firstOrderBonus > 1_000_000) {
            throw new InvalidInput("firstOrderBonus", "out-of-range", 0, 1_000_000);
        }
    }

    /** Whether these rules hold for every order ever placed (the configured defaults, effective from the epoch). */
    public boolean fromTheStart() {
        return effectiveFrom == null || !effectiveFrom.isAfter(Instant.EPOCH);
    }
}
