package dev.kizuna.admin.console.login;

import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.Duration;

/** Keeps 90 days of console sign-in attempts (a trail for security reviews), forgets older ones. */
public final class LoginAttemptsCleanupJob implements KizunaJob {
    static final Duration KEEP = Duration.ofDays(90);

    private final LoginAttempts attempts;

    public LoginAttemptsCleanupJob(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public String name() {
        return "console-login-attempts-cleanup";
    }

    @Override
    public String description() {
        return "Deletes console sign-in attempts older than 90 days";
    }

    @Override
    public String defaultSchedule() {
        return "0 40 4 * * ?";
    }

    @Override
    public void run(JobContext context) {
        int deleted = attempts.purgeBefore(context.asOf().minus(KEEP));
        context.outcome(deleted + " attempts deleted", "job.console-login-attempts-cleanup.outcome", deleted);
    }
}
