package dev.kizuna.admin.console.jobs;

import dev.kizuna.core.console.Messages;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;

import java.util.regex.Pattern;

/**
 * A job as the console says it, in the admin's language: its title ({@code job.<name>.title}), description
 * ({@code job.<name>.description}, with {@link KizunaJob#descriptionArgs()}) and a run's outcome (the key and
 * arguments the job recorded). A job from a module without these texts shows its name, English description and
 * English outcome line.
 */
public final class JobTexts {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

    private JobTexts() {
    }

    public static String title(Messages m, KizunaJob job) {
        String key = "job." + job.name() + ".title";
        return m.has(key) ? m.text(key) : job.name();
    }

    public static String description(Messages m, KizunaJob job) {
        String key = "job." + job.name() + ".description";
        return m.has(key) ? m.text(key, job.descriptionArgs().toArray()) : job.description();
    }

    /** The run's outcome, or null when it recorded none. */
    public static String outcome(Messages m, JobRuns.JobRun run) {
        if (run == null) {
            return null;
        }
        if (run.outcomeKey() == null || !m.has(run.outcomeKey())) {
            return run.outcome();
        }
        // counts were recorded as text; as numbers they are grouped the locale's way (1,234)
        Object[] args = run.outcomeArgs().stream()
                .map(a -> WHOLE_NUMBER.matcher(a).matches() ? (Object) Long.valueOf(a) : a).toArray();
        return m.text(run.outcomeKey(), args);
    }
}
