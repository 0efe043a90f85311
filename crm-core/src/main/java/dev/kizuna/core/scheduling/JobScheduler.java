package dev.kizuna.core.scheduling;

import dev.kizuna.core.persistence.Database;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Quartz with the clustered JDBC job store on Kizuna's database (tables from Flyway). Every node that runs a
 * scheduler joins the cluster; Quartz fires each trigger on exactly one node, and {@link DisallowConcurrentExecution}
 * keeps a job from overlapping itself across nodes. "Run now" stores a one-off trigger, so it too runs once,
 * on whichever node is free.
 */
public final class JobScheduler implements AutoCloseable {
    public static final String CLUSTER_NAME = "kizuna";
    private static final String GROUP = "kizuna";

    private final Scheduler scheduler;
    private final JobRegistry registry;
    private final JobRuns runs;
    private final ZoneId zone;

    public JobScheduler(Database db, JobRegistry registry, JobRuns runs, String nodeId, ZoneId zone, int threads) {
        this.registry = registry;
        this.runs = runs;
        this.zone = zone;
        String dsName = "kizuna-" + nodeId + "-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return db.dataSource().getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to Database, which closes it
            }

            @Override
            public void initialize() {
                // nothing to set up: the pool exists already
            }
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", CLUSTER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", nodeId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            this.scheduler = new StdSchedulerFactory(p).getScheduler();
            // Quartz keeps a JVM-wide map of schedulers by name; cluster members share one name, so each node
            // holds its own reference and leaves the map free for another node in the same JVM (tests).
            SchedulerRepository.getInstance().remove(CLUSTER_NAME);
            scheduler.setJobFactory((bundle, s) -> new QuartzJob(this));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Registers every job with its schedule (kept if unchanged, replaced if the cron changed) and starts firing. */
    public void start(Map<String, String> scheduleOverrides) {
        try {
            for (KizunaJob job : registry.all()) {
                String cron = scheduleOverrides.getOrDefault(job.name(), job.defaultSchedule());
                JobKey key = JobKey.jobKey(job.name(), GROUP);
                TriggerKey triggerKey = TriggerKey.triggerKey(job.name(), GROUP);
                Trigger existing = scheduler.getTrigger(triggerKey);
                if (existing instanceof CronTrigger ct && ct.getCronExpression().equals(cron)
                        && ct.getTimeZone().getID().equals(zone.getId())) {
                    continue;
                }
                JobDetail detail = JobBuilder.newJob(QuartzJob.class).withIdentity(key)
                        .withDescription(job.description()).storeDurably().requestRecovery().build();
                Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(key)
                        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone))
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build();
                scheduler.scheduleJob(detail, java.util.Set.of(trigger), true);
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule Kizuna jobs: " + e.getMessage(), e);
        }
    }

    /** Asks the cluster to run a job now; returns the request id the run will carry. */
    public String runNow(String jobName) {
        registry.find(jobName).orElseThrow(() -> new IllegalArgumentException("no job named " + jobName));
        String requestId = UUID.randomUUID().toString();
        JobDataMap data = new JobDataMap();
        data.put("requestId", requestId);
        try {
            scheduler.triggerJob(JobKey.jobKey(jobName, GROUP), data);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot trigger " + jobName + ": " + e.getMessage(), e);
        }
        return requestId;
    }

    /** Waits for the run a {@link #runNow} request started to finish, up to {@code timeout}. */
    public Optional<JobRuns.JobRun> awaitRun(String requestId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<JobRuns.JobRun> run = runs.findByRequest(requestId);
            if (run.isPresent() && !run.get().running()) {
                return run;
            }
            Thread.sleep(100);
        }
        return runs.findByRequest(requestId);
    }

    /** Whether this node's scheduler is firing triggers (started, not shut down, not paused). */
    public boolean running() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    public Optional<Instant> nextFireTime(String jobName) {
        try {
            Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(jobName, GROUP));
            Date next = t == null ? null : t.getNextFireTime();
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    public Optional<String> schedule(String jobName) {
        try {
            return scheduler.getTrigger(TriggerKey.triggerKey(jobName, GROUP)) instanceof CronTrigger ct
                    ? Optional.of(ct.getCronExpression()) : Optional.empty();
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Quartz face of every Kizuna job: looks the job up by its key and runs it with bookkeeping. */
    @DisallowConcurrentExecution
    public static final class QuartzJob implements Job {
        private final JobScheduler owner;

        QuartzJob(JobScheduler owner) {
            this.owner = owner;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            String name = context.getJobDetail().getKey().getName();
            KizunaJob job = owner.registry.find(name)
                    .orElseThrow(() -> new JobExecutionException("job " + name + " is not installed on this node"));
            String requestId = context.getMergedJobDataMap().getString("requestId");
            String trigger = requestId != null ? "manual" : context.isRecovering() ? "recovery" : "schedule";
            owner.runs.run(job, trigger, requestId);
        }
    }
}
