package dev.kizuna.admin.console.dashboard;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.admin.console.jobs.JobTexts;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Figure;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard: the number of members and the jobs' status from the shell, and between them each installed
 * feature's sections (members by rank, points issued/redeemed/expired and the liability, coupon redemptions, the NPS
 * trend, the RFM grid), contributed through {@code ctx.console().dashboardSection(…)}.
 */
public final class DashboardPages {

    public void register(ConsoleRoutes routes) {
        routes.get("/", ConsoleRoutes.EVERY_ROLE, this::dashboard);
    }

    /** One job's line in the status table. */
    public record JobStatus(String name, String title, JobRuns.JobRun lastRun, String outcome) {
    }

    /** A feature's card as rendered, with the id of its element. */
    public record Section(String id, String html) {
    }

    private PageResult dashboard(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        long members = r.ctx().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM member WHERE erased_at IS NULL"));
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("members", r.messages().text("dashboard.members"), r.formats().number(members)));
        List<Section> sections = new ArrayList<>();
        for (DashboardSection s : r.ctx().console().dashboardSections()) {
            Panel panel = s.render(r);
            figures.addAll(panel.figures());
            if (!panel.html().isEmpty()) {
                sections.add(new Section(s.id(), panel.html()));
            }
        }
        model.put("figures", figures);
        model.put("sections", sections);
        model.put("jobs", jobs(r.runtime(), r.messages()));
        return PageResult.view("dashboard.ftlh", model);
    }

    static List<JobStatus> jobs(KizunaRuntime rt, Messages m) {
        List<JobStatus> out = new ArrayList<>();
        for (KizunaJob j : rt.context().jobs().all()) {
            Optional<JobRuns.JobRun> last = rt.jobRuns().latest(j.name());
            out.add(new JobStatus(j.name(), JobTexts.title(m, j), last.orElse(null), JobTexts.outcome(m, last.orElse(null))));
        }
        return out;
    }
}
