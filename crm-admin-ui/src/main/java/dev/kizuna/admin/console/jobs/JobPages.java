package dev.kizuna.admin.console.jobs;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.intake.InboxEvents;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs: each job's schedule, next and last run (duration, outcome), a progress bar while it runs (jobs.js polls
 * {@code /crm/api/jobs} and updates it), its run history, and "run now", which asks the cluster to run the job on
 * whichever node is free; below them, the host events the inbox has not applied (failed and retried, parked waiting
 * for their order, rejected as impossible) with their reason.
 */
public final class JobPages {

    public void register(ConsoleRoutes routes) {
        routes.get("/jobs", ConsoleRoutes.CONFIGURE, this::list);
        routes.get("/jobs/{name}", ConsoleRoutes.CONFIGURE, this::history);
        routes.post("/jobs/{name}/run", ConsoleRoutes.CONFIGURE, this::runNow);
    }

    /** One job as the page shows it; {@code percent} is null while the total is unknown. */
    public record JobLine(String name, String title, String description, String schedule, Instant nextRun,
                          JobRuns.JobRun lastRun, String outcome, Integer percent) {
    }

    private PageResult list(PageRequest r) {
        List<JobLine> lines = new ArrayList<>();
        for (KizunaJob j : r.ctx().jobs().all()) {
            lines.add(line(r.runtime(), r.messages(), j));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("jobs", lines);
        model.put("events", r.ctx().database().inTransaction(tx -> InboxEvents.unsettled(tx, 50)));
        return PageResult.view("jobs/list.ftlh", model);
    }

    private PageResult history(PageRequest r) {
        KizunaJob job = job(r);
        Map<String, Object> model = new HashMap<>();
        model.put("job", line(r.runtime(), r.messages(), job));
        List<JobRuns.JobRun> runs = r.runtime().jobRuns().history(job.name(), 30);
        model.put("runs", runs);
        Map<String, String> outcomes = new HashMap<>();
        runs.forEach(run -> {
            String text = JobTexts.outcome(r.messages(), run);
            if (text != null) {
                outcomes.put(Long.toString(run.id()), text);
            }
        });
        model.put("outcomes", outcomes);
        return PageResult.view("jobs/history.ftlh", model);
    }

    private PageResult runNow(PageRequest r) {
        KizunaJob job = job(r);
        try {
            r.runtime().scheduler().runNow(job.name());
            r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "job.run-now", "job:" + job.name(), null,
                    Map.of("job", job.name())));
            r.flashKey("success", "jobs.requested", JobTexts.title(r.messages(), job));
        } catch (IllegalStateException e) {
            r.flashKey("error", "jobs.request-failed", JobTexts.title(r.messages(), job), e.getMessage());
        }
        return PageResult.redirect("/jobs");
    }

    private static KizunaJob job(PageRequest r) {
        return r.ctx().jobs().find(r.path("name")).orElseThrow(() -> new NotFound("no job " + r.path("name")));
    }

    static JobLine line(KizunaRuntime rt, Messages m, KizunaJob j) {
        JobRuns.JobRun last = rt.jobRuns().latest(j.name()).orElse(null);
        Integer percent = last == null || last.total() <= 0 ? null
                : (int) Math.min(100, Math.max(0, last.done() * 100 / last.total()));
        return new JobLine(j.name(), JobTexts.title(m, j), JobTexts.description(m, j),
                rt.scheduler().schedule(j.name()).orElse(j.defaultSchedule()), rt.scheduler().nextFireTime(j.name()).orElse(null),
                last, JobTexts.outcome(m, last), percent);
    }
}
