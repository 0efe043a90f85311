package dev.kizuna.core.scheduling;

/**
 * A scheduled piece of Kizuna work (points confirmation, rank recalculation, birthday coupons ...). Runs at most
 * once at a time across the cluster; judges by {@link JobContext#asOf()} so a resumed run decides as the first
 * part did. Long jobs extend {@link KeysetBatchJob}.
 */
public interface KizunaJob {

    /** The name in the job API and console, e.g. {@code points-confirmation}. */
    String name();

    String description();

    /** Quartz cron expression in the shop's time zone, e.g. {@code 0 15 3 * * ?} for 03:15 daily. */
    String defaultSchedule();

    void run(JobContext context) throws Exception;
}
