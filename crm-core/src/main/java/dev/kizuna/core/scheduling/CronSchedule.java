package dev.kizuna.core.scheduling;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

/**
 * A job's Quartz cron expression read in the shop's time zone, for features that tell when a job runs next (a rank
 * is held until the recalculation after next) without seeing Quartz.
 */
public final class CronSchedule {
    private final CronExpression expression;

    private CronSchedule(CronExpression expression) {
        this.expression = expression;
    }

    /** @throws IllegalArgumentException when {@code cron} is not a Quartz cron expression */
    public static CronSchedule parse(String cron, ZoneId zone) {
        try {
            CronExpression e = new CronExpression(cron);
            e.setTimeZone(TimeZone.getTimeZone(zone));
            return new CronSchedule(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + cron, e);
        }
    }

    /** The first time the schedule fires after {@code after}, or null when it never fires again. */
    public Instant nextAfter(Instant after) {
        Date next = expression.getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }
}
