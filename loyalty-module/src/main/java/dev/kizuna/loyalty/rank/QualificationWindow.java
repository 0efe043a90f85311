package dev.kizuna.loyalty.rank;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The stretch of time a rank is judged over. For a judgement at {@code asOf}, let J be asOf's date in the shop's
 * time zone: the window starts at 00:00 shop time on J minus N months (same day of month, clamped to the month's
 * last day, so 31 August minus 6 months is 28/29 February) and ends at asOf itself, inclusive. In shop-local days
 * it covers [J − N months, J]: the first day counts from its first instant, the judgement day up to the judgement.
 * A recalculation judged on 1 July with N = 6 thus counts everything from 1 January through the run, and an
 * earning confirmed a moment before a re-evaluation counts at once.
 *
 * @param from     first instant counted (inclusive)
 * @param to       last instant counted (inclusive): the judgement time
 * @param firstDay first shop-local day of the window
 * @param lastDay  the judgement day J
 */
public record QualificationWindow(Instant from, Instant to, LocalDate firstDay, LocalDate lastDay) {

    public static QualificationWindow of(Instant asOf, int months, ZoneId zone) {
        if (months < 1) {
            throw new IllegalArgumentException("a window is at least one month long");
        }
        LocalDate judgementDay = LocalDate.ofInstant(asOf, zone);
        LocalDate firstDay = firstDay(judgementDay, months);
        return new QualificationWindow(firstDay.atStartOfDay(zone).toInstant(), asOf, firstDay, judgementDay);
    }

    /** The first day of the window judged on {@code judgementDay}. */
    public static LocalDate firstDay(LocalDate judgementDay, int months) {
        return judgementDay.minusMonths(months);
    }

    /**
     * The first judgement day whose window no longer contains {@code day}: from then on, what happened on that
     * day stops counting.
     */
    public static LocalDate firstJudgementDayWithout(LocalDate day, int months) {
        // minusMonths clamps to month ends, so step forward from the nearest candidate to the exact first day.
        LocalDate j = day.plusMonths(months);
        while (!firstDay(j, months).isAfter(day)) {
            j = j.plusDays(1);
        }
        return j;
    }
}
