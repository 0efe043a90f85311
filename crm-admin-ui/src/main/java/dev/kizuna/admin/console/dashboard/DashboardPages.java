package dev.kizuna.admin.console.dashboard;

import dev.kizuna.admin.console.ConsoleRoutes;
import dev.kizuna.admin.console.Formats;
import dev.kizuna.admin.console.Messages;
import dev.kizuna.admin.console.PageRequest;
import dev.kizuna.admin.console.PageResult;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.loyalty.rank.RankQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard: members by rank, points issued/redeemed/expired and the outstanding liability over time, coupon
 * redemptions, the NPS trend and the jobs' status. Each section comes from its feature's service; a section whose
 * module is not installed says so and the rest still shows.
 */
public final class DashboardPages {

    public void register(ConsoleRoutes routes) {
        routes.get("/", ConsoleRoutes.EVERY_ROLE, this::dashboard);
    }

    /** One job's line in the status table. */
    public record JobStatus(String name, String description, JobRuns.JobRun lastRun) {
    }

    private PageResult dashboard(PageRequest r) {
        Messages t = r.messages();
        Formats f = r.formats();
        Map<String, Object> model = new HashMap<>();
        model.put("members", r.ctx().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM member WHERE erased_at IS NULL")));
        model.put("rankChart", r.optionalPort(RankQueries.class).map(ranks -> membersByRank(ranks, t, f)).orElse(null));
        DashboardSections.addFeatureSections(r, model);
        model.put("jobs", jobs(r.runtime()));
        return PageResult.view("dashboard.ftlh", model);
    }

    private static String membersByRank(RankQueries ranks, Messages t, Formats f) {
        boolean en = "en".equals(t.locale().getLanguage());
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (RankQueries.RankCount c : ranks.membersByRank()) {
            bars.add(new SvgCharts.Bar(en ? c.name().en() : c.name().ja(), c.members()));
        }
        return SvgCharts.bars("chart-members-by-rank", t.text("dashboard.members-by-rank"), bars, f::number,
                t.text("chart.no-data"));
    }

    static List<JobStatus> jobs(KizunaRuntime rt) {
        List<JobStatus> out = new ArrayList<>();
        for (KizunaJob j : rt.context().jobs().all()) {
            Optional<JobRuns.JobRun> last = rt.jobRuns().latest(j.name());
            out.add(new JobStatus(j.name(), j.description(), last.orElse(null)));
        }
        return out;
    }
}
