package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;

import java.util.OptionalDouble;

/**
 * What the BG/NBD and Gamma-Gamma models know of one customer over a calibration period, times in weeks:
 *
 * @param frequency repeat purchases x (purchase days after the first one)
 * @param recency   t<sub>x</sub>, time from the first purchase to the last one
 * @param age       T, time from the first purchase to the end of the calibration period
 * @param monetary  z̄, mean spend of the repeat purchases, when spend is known
 */
public record CustomerSummary(int frequency, double recency, double age, OptionalDouble monetary) {

    public CustomerSummary {
        if (frequency < 0) {
            throw new InvalidInput("frequency", "ltv.not-negative-was", String.valueOf(frequency));
        }
        if (!Double.isFinite(age) || age < 0) {
            throw new InvalidInput("age", "ltv.finite-not-negative", String.valueOf(age));
        }
        if (!Double.isFinite(recency) || recency < 0) {
            throw new InvalidInput("recency", "ltv.finite-not-negative", String.valueOf(recency));
        }
        if (recency > age) {
            throw new InvalidInput("recency", "ltv.recency-above-age", String.valueOf(recency), String.valueOf(age));
        }
        if (frequency == 0 && recency != 0) {
            throw new InvalidInput("recency", "ltv.recency-without-repeat", String.valueOf(recency));
        }
        if (monetary == null) {
            throw new InvalidInput("monetary", "ltv.monetary-given");
        }
        if (monetary.isPresent()) {
            double spend = monetary.getAsDouble();
            if (!Double.isFinite(spend) || spend < 0) {
                throw new InvalidInput("monetary", "ltv.amount", String.valueOf(spend));
            }
            // A mean over no repeat purchase is either absent or recorded as 0 (as in the CDNOW files); any other
            // figure means the columns are mixed up.
            if (frequency == 0 && spend != 0) {
                throw new InvalidInput("monetary", "ltv.monetary-without-repeat", String.valueOf(spend));
            }
        }
    }

    /** A customer whose spend is not known. */
    public static CustomerSummary of(int frequency, double recency, double age) {
        return new CustomerSummary(frequency, recency, age, OptionalDouble.empty());
    }

    public static CustomerSummary of(int frequency, double recency, double age, double monetary) {
        return new CustomerSummary(frequency, recency, age, OptionalDouble.of(monetary));
    }

    /** Whether the customer counts for the Gamma-Gamma spend model: repeat purchases with a positive mean spend. */
    public boolean hasRepeatSpend() {
        return frequency > 0 && monetary.isPresent() && monetary.getAsDouble() > 0;
    }
}
