package dev.kizuna.core;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.intake.InboxEvents;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Caller;
import dev.kizuna.core.web.OpenApiDocument;
import dev.kizuna.core.web.Role;
import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.mail.MailOutbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kernel's own admin API: jobs (list, run now, history), the mail outbox, the event inbox, the dev clock. */
final class CoreApi {
    private CoreApi() {
    }

    record JobView(String name, String description, String schedule, Instant nextRun, JobRuns.JobRun lastRun) {
    }

    record ClockChange(Instant now) {
    }

    static void register(KizunaRuntime rt) {
        ApiRoutes api = rt.context().api();
        api.doc("Lists the jobs with their schedule, next and last run").returnsListOf(JobView.class)
                .get("/jobs", Access.admin(), r -> rt.context().jobs().all().stream().map(j -> view(rt, j)).toList());
        api.doc("One job with its schedule, next and last run").returns(JobView.class)
                .get("/jobs/{name}", Access.admin(), r -> view(rt, job(rt, r.path("name"))));
        api.doc("A job's recent runs, newest first").returnsListOf(JobRuns.JobRun.class)
                .get("/jobs/{name}/runs", Access.admin(), r ->
                rt.jobRuns().history(job(rt, r.path("name")).name(), r.queryInt("limit", 20, 1, 200)));
        api.doc("Runs a job now on some node; with wait=true answers its run once it ends").returns(JobRuns.JobRun.class).alsoAnswers(202)
                .post("/jobs/{name}/run", Access.admin(Role.ADMIN, Role.MARKETER), r -> {
            KizunaJob job = job(rt, r.path("name"));
            String requestId = rt.scheduler().runNow(job.name());
            if (!r.queryFlag("wait")) {
                return new ApiResponse(202, Map.of("job", job.name(), "requestId", requestId), "application/json", Map.of());
            }
            int timeout = r.queryInt("timeoutSeconds", 600, 1, 3600);
            Optional<JobRuns.JobRun> run = rt.scheduler().awaitRun(requestId, Duration.ofSeconds(timeout));
            if (run.isEmpty() || run.get().running()) {
                return new ApiResponse(202, Map.of("job", job.name(), "requestId", requestId, "status", JobRunStatus.RUNNING),
                        "application/json", Map.of());
            }
            return run.get();
        });
        // Full mails (address, body with its working links) to ADMIN only; the other roles see them masked.
        api.doc("The newest mails of the outbox (in full to admins, masked for the other roles)").returnsListOf(MailOutbox.OutgoingMail.class)
                .get("/outbox", Access.admin(Role.ADMIN, Role.SUPPORT, Role.MARKETER), r -> {
            boolean full = r.caller() instanceof Caller.Admin a && a.role() == Role.ADMIN;
            return rt.context().database().inTransaction(tx -> rt.context().mail().newest(tx,
                    r.queryInt("limit", 50, 1, 500), r.queryInt("offset", 0, 0, Integer.MAX_VALUE))).stream()
                    .map(m -> full ? m : m.masked()).toList();
        });
        api.doc("The newest events of the inbox, optionally of one status").returnsListOf(InboxEvents.InboxEvent.class)
                .get("/events", Access.admin(Role.ADMIN), r -> rt.context().database().inTransaction(tx ->
                InboxEvents.newest(tx, r.query("status"), r.queryInt("limit", 50, 1, 500))));
        api.doc("The newest audit log entries").returnsListOf(AuditLog.Entry.class)
                .get("/audit", Access.admin(Role.ADMIN), r -> rt.context().database().inTransaction(tx ->
                rt.context().audit().newest(tx, r.queryInt("limit", 50, 1, 500), r.queryInt("offset", 0, 0, Integer.MAX_VALUE))));
        api.doc("Whether Kizuna is up, with its modules")
                .get("/health", Access.anyone(), r -> Map.of("status", "UP", "modules", rt.modules()));
        api.doc("This API's OpenAPI 3.1 document, built from the routes it dispatches on")
                .get("/openapi.json", Access.anyone(),
                r -> OpenApiDocument.of(rt.context().api()).document());
        if (rt.context().clock().adjustable()) {
            // dev installs: move the shop's "now" to try windows, expiry and birthdays (years 1900–2200 only)
            api.doc("The shop clock of a dev install")
                    .get("/dev/clock", Access.admin(), r -> Map.of("now", rt.context().clock().instant()));
            api.doc("Moves the shop clock of a dev install").body(ClockChange.class)
                    .put("/dev/clock", Access.admin(Role.ADMIN), r -> {
                ClockChange change = r.body(ClockChange.class);
                if (change.now() == null) {
                    throw new InvalidInput("now", "required");
                }
                rt.context().clock().set(change.now());
                return Map.of("now", rt.context().clock().instant());
            });
        }
    }

    private static KizunaJob job(KizunaRuntime rt, String name) {
        return rt.context().jobs().find(name).orElseThrow(() -> new NotFound("no job named " + name));
    }

    static JobView view(KizunaRuntime rt, KizunaJob j) {
        return new JobView(j.name(), j.description(), rt.scheduler().schedule(j.name()).orElse(j.defaultSchedule()),
                rt.scheduler().nextFireTime(j.name()).orElse(null), rt.jobRuns().latest(j.name()).orElse(null));
    }

}
