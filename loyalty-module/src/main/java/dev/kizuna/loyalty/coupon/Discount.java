package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a campaign gives: a percentage off the eligible merchandise (optionally capped), a fixed amount off, free
 * shipping, or bonus points granted with the order. Amounts are minor units of the campaign's currency.
 *
 * @param value percent (1..100), minor units (FIXED) or points (BONUS_POINTS); 0 for FREE_SHIPPING
 * @param cap   the most a PERCENT discount gives, minor units; null for none
 */
public record Discount(Type type, long value, @JsonInclude(JsonInclude.Include.NON_NULL) Long cap) {

    public enum Type { PERCENT, FIXED, FREE_SHIPPING, BONUS_POINTS }

    /** Money off {@code eligibleAmount}: never more than it, rounded down (the shop never gives a fraction of a yen). */
    public long amountOff(long eligibleAmount) {
        return switch (type) {
            case PERCENT -> {
                long off = Math.floorDiv(eligibleAmount * value, 100);
                yield cap == null ? off : Math.min(off, cap);
            }
            case FIXED -> Math.min(value, eligibleAmount);
            case FREE_SHIPPING, BONUS_POINTS -> 0;
        };
    }

    @JsonIgnore
    public boolean freeShipping() {
        return type == Type.FREE_SHIPPING;
    }

    @JsonIgnore
    public long bonusPoints() {
        return type == Type.BONUS_POINTS ? value : 0;
    }
}
