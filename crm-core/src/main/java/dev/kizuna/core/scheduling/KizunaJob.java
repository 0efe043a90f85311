package dev.kizuna.core.scheduling;

import java.util.List;

/**
 * A scheduled piece of Kizuna work (points confirmation, rank recalculation, birthday coupons ...). Runs at most
 * once at a time across the cluster; judges by {@link JobContext#asOf()} so a resumed run decides as the first
 * part did. Long jobs extend {@link KeysetBatchJob}.
 */
public interface KizunaJob {

    /** The name in the job API and console, e.g. {@code points-confirmation}. */
    String name();

    /** In English, for the API and logs; the console says it with {@code job.<name>.description} of the bundles. */
    String description();

    /** The arguments of {@code job.<name>.description} (the configured days or months it speaks of). */
    default List<Object> descriptionArgs() {
        return List.of();
    }

    /** Quartz cron expression in the shop's time zone, e.g. {@code 0 15 3 * * ?} for 03:15 daily. */
    String defaultSchedule();

    void run(JobContext context) throws Exception;
}
