package dev.kizuna.core.metrics;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobRegistry;
import dev.kizuna.core.scheduling.KizunaJob;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The kernel's figures read from the database: the host outbox's backlog and age, each job's latest progress. */
public final class OperationalFigures {
    private OperationalFigures() {
    }

    public static void register(KizunaMetrics metrics, Database db, JobRegistry jobs) {
        metrics.figure("kizuna.host_outbox.backlog", "events in the host outbox waiting for the relay",
                List.of(), List.of(List.of()), () -> db.inTransaction(tx -> Map.of(List.of(),
                        (double) tx.sql().number("SELECT count(*) FROM host_outbox"))));
        metrics.figure("kizuna.host_outbox.oldest.age.seconds", "how long the oldest event in the host outbox has waited",
                List.of(), List.of(List.of()), () -> db.inTransaction(tx -> Map.of(List.of(),
                        (double) tx.sql().number("""
                                SELECT coalesce(extract(epoch FROM now() - min(appended_at)), 0)::bigint
                                FROM host_outbox"""))));
        List<List<String>> names = jobs.all().stream().map(KizunaJob::name).map(List::of).toList();
        metrics.figure("kizuna.jobs.progress", "share done (0 to 1) of each job's latest run", List.of("job"), names,
                () -> db.inTransaction(tx -> {
                    Map<List<String>, Double> out = new HashMap<>();
                    tx.sql().list("""
                            SELECT DISTINCT ON (job_name) job_name, done, total FROM job_run
                            ORDER BY job_name, id DESC""", rs -> {
                        long total = rs.getLong(3);
                        out.put(List.of(rs.getString(1)), total <= 0 ? (rs.getLong(2) > 0 ? 1.0 : 0.0)
                                : Math.min(1.0, (double) rs.getLong(2) / total));
                        return null;
                    });
                    return out;
                }));
    }
}
