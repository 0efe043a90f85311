package dev.kizuna.core.scheduling;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The jobs the installed modules contributed, by name. */
public final class JobRegistry {
    private final Map<String, KizunaJob> jobs = new ConcurrentSkipListMap<>();

    public void register(KizunaJob job) {
        if (!job.name().matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("job name must be kebab-case: " + job.name());
        }
        if (jobs.putIfAbsent(job.name(), job) != null) {
            throw new IllegalStateException("two jobs named " + job.name());
        }
    }

    public Optional<KizunaJob> find(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    public Collection<KizunaJob> all() {
        return jobs.values();
    }
}
