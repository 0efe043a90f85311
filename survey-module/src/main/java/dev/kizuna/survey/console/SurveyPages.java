package dev.kizuna.survey.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.results.SurveyQueries;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Surveys: the list with the NPS trend, the builder (settings and invitation trigger, the versioned design with
 * branching, a preview as the shopper will see it, publish and status), and the results (response rate, NPS by week
 * and by rank, each question's distribution, free-text search, CSV export). Every change goes through the survey
 * service, which validates and audit-logs it.
 */
public final class SurveyPages {
    static final int TREND_WEEKS = 12;
    static final int FREE_TEXT_PAGE = 20;

    public void register(ConsoleRoutes routes) {
        routes.get("/surveys", ConsoleRoutes.CONFIGURE, this::list);
        routes.get("/surveys/new", ConsoleRoutes.CONFIGURE, r -> newForm(r, new FormErrors(r.messages()), 200));
        routes.post("/surveys", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/surveys/{id}", ConsoleRoutes.CONFIGURE, r -> builder(r, new FormErrors(r.messages()), null, 200));
        routes.post("/surveys/{id}/settings", ConsoleRoutes.CONFIGURE, this::saveSettings);
        routes.post("/surveys/{id}/draft", ConsoleRoutes.CONFIGURE, this::saveDraft);
        routes.post("/surveys/{id}/publish", ConsoleRoutes.CONFIGURE, this::publish);
        routes.post("/surveys/{id}/status", ConsoleRoutes.CONFIGURE, this::changeStatus);
        routes.get("/surveys/{id}/preview", ConsoleRoutes.CONFIGURE, this::preview);
        routes.get("/surveys/{id}/results", ConsoleRoutes.CONFIGURE, this::results);
        routes.get("/surveys/{id}/export.csv", ConsoleRoutes.CONFIGURE, this::export);
    }

    private PageResult list(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        model.put("surveys", r.port(SurveyAdmin.class).surveys());
        model.put("npsChart", npsTrendChart(r.port(SurveyQueries.class).npsTrend(TREND_WEEKS), r.messages()));
        return PageResult.view("surveys/list.ftlh", model);
    }

    /** The NPS of the last weeks over all surveys, fixed −100..100 so trends compare at a glance. */
    public static String npsTrendChart(List<SurveyQueries.WeekNps> weeks, Messages t) {
        List<String> labels = weeks.stream().map(SurveyQueries.WeekNps::isoWeek).toList();
        List<Long> values = weeks.stream().map(w -> w.nps().score() == null ? null : Long.valueOf(w.nps().score())).toList();
        return SvgCharts.lines("chart-nps-trend", t.text("dashboard.nps-trend"), labels,
                List.of(new SvgCharts.Series("NPS", values)), Long::toString, -100L, 100L, t.text("chart.no-data"));
    }

    private PageResult newForm(PageRequest r, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("errors", errors.asMap());
        model.put("values", errors.any() ? r.formValues() : Map.of("rewardPoints", "0"));
        return PageResult.view("surveys/new.ftlh", model, status);
    }

    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        String code = errors.text(r, "code", true, 60);
        String name = errors.text(r, "name", true, 200);
        String titleJa = errors.text(r, "title.ja", true, 200);
        String titleEn = errors.text(r, "title.en", false, 200);
        Long reward = errors.longValue(r, "rewardPoints", false, 0, SurveySettings.MAX_REWARD);
        if (errors.any()) {
            return newForm(r, errors, 400);
        }
        // A new survey starts with the NPS question most surveys ask; the builder changes it.
        Messages ja = Messages.of(Messages.JA);
        Messages en = Messages.of(Messages.EN);
        Question nps = new Question("recommend", QuestionType.NPS, true,
                LocalizedText.of(ja.text("surveys.default-nps"), en.text("surveys.default-nps")), List.of(), null);
        SurveyDesign design = new SurveyDesign(LocalizedText.of(titleJa, titleEn), null, null, List.of(nps));
        try {
            SurveyAdmin.SurveyDetail created = r.port(SurveyAdmin.class).create(new SurveyAdmin.NewSurvey(code, design,
                    new SurveySettings(name, reward == null ? 0 : reward, InvitationTrigger.DEFAULT)), r.actor());
            r.flashKey("success", "surveys.created", created.name());
            return PageResult.redirect("/surveys/" + created.id());
        } catch (InvalidInput e) {
            return newForm(r, errors.add(e, f -> f.startsWith("settings.") ? f.substring(9) : FormErrors.listField(f)), 400);
        } catch (Conflict e) {
            return newForm(r, errors.add("code", e.getMessage()), 409);
        }
    }

    /**
     * The builder. {@code failedForm} names the form whose values came back with errors ({@code settings} or
     * {@code draft}); the other form shows the stored values.
     */
    private PageResult builder(PageRequest r, FormErrors errors, String failedForm, int status) {
        long id = r.pathLong("id");
        SurveyAdmin.SurveyDetail survey = r.port(SurveyAdmin.class).survey(id);
        Map<String, String> values = new HashMap<>();
        values.putAll(SurveyForms.values(survey.settings()));
        values.putAll(SurveyForms.values(survey.draft()));
        List<String> selectedRanks = survey.settings().trigger().ranks();
        if ("settings".equals(failedForm)) {
            values.putAll(SurveyForms.values(survey.draft()));
            r.formValues().forEach(values::put);
            selectedRanks = Arrays.asList(r.params("trigger.ranks"));
        } else if ("draft".equals(failedForm)) {
            values.keySet().removeIf(k -> k.startsWith("questions[") || k.startsWith("title") || k.startsWith("intro")
                    || k.startsWith("thanks"));
            r.formValues().forEach(values::put);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("survey", survey);
        model.put("errors", errors.asMap());
        model.put("values", values);
        model.put("failedForm", failedForm == null ? "" : failedForm);
        model.put("questionCount", Integer.parseInt(values.getOrDefault("questionCount", "0")));
        model.put("types", QuestionType.values());
        model.put("channels", InvitationTrigger.Channel.values());
        model.put("selectedRanks", selectedRanks);
        model.put("rankChoices", r.optionalPort(RankLadder.class).map(q -> q.ranks().stream()
                .map(k -> List.of(k.code(), k.name(r.locale())))
                .toList()).orElse(List.of()));
        model.put("nextStatuses", nextStatuses(survey.status()));
        return PageResult.view("surveys/builder.ftlh", model, status);
    }

    static List<SurveyStatus> nextStatuses(SurveyStatus current) {
        List<SurveyStatus> out = new ArrayList<>();
        for (SurveyStatus s : SurveyStatus.values()) {
            if (s != current && s != SurveyStatus.DRAFT) {
                out.add(s);
            }
        }
        return out;
    }

    private PageResult saveSettings(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        SurveySettings settings = SurveyForms.settings(r, errors);
        if (errors.any()) {
            return builder(r, errors, "settings", 400);
        }
        try {
            r.port(SurveyAdmin.class).updateSettings(id, settings, r.actor());
        } catch (InvalidInput e) {
            return builder(r, errors.add(e, FormErrors::listField), "settings", 400);
        }
        r.flashKey("success", "surveys.settings-saved");
        return PageResult.redirect("/surveys/" + id);
    }

    private PageResult saveDraft(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        SurveyForms.TypedDesign typed = SurveyForms.design(r, errors);
        if (errors.any()) {
            return builder(r, errors, "draft", 400);
        }
        try {
            r.port(SurveyAdmin.class).saveDraft(id, typed.design(), r.actor());
        } catch (InvalidInput e) {
            return builder(r, errors.add(e, f -> SurveyForms.designField(f, typed.rows())), "draft", 400);
        }
        r.flashKey("success", "surveys.draft-saved");
        return PageResult.redirect("/surveys/" + id + "#design");
    }

    private PageResult publish(PageRequest r) {
        long id = r.pathLong("id");
        try {
            SurveyAdmin.SurveyDetail d = r.port(SurveyAdmin.class).publish(id, r.actor());
            r.flashKey("success", "surveys.published", d.publishedVersion());
        } catch (Conflict e) {
            r.flash("error", r.messages().textOrSelf("surveys.conflict." + e.code()));
        } catch (InvalidInput e) {
            r.flash("error", e.detail(r.messages().locale()));
        }
        return PageResult.redirect("/surveys/" + id);
    }

    private PageResult changeStatus(PageRequest r) {
        long id = r.pathLong("id");
        SurveyStatus status;
        try {
            status = SurveyStatus.valueOf(r.param("status").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "required");
        }
        try {
            r.port(SurveyAdmin.class).changeStatus(id, new SurveyAdmin.StatusChange(status, null), r.actor());
            r.flashKey("success", "surveys.status-changed", r.messages().text("surveys.status." + status.name()));
        } catch (Conflict e) {
            r.flash("error", r.messages().textOrSelf("surveys.conflict." + e.code()));
        }
        return PageResult.redirect("/surveys/" + id);
    }

    private PageResult preview(PageRequest r) {
        String lang = "en".equals(r.param("lang").orElse("ja")) ? "en" : "ja";
        return new PageResult.Html(r.port(SurveyAdmin.class).preview(r.pathLong("id"), lang,
                r.http().getContextPath()));
    }

    private PageResult results(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        LocalDate from = date(r, errors, "from");
        LocalDate to = date(r, errors, "to");
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("to", "surveys.to-before-from");
            to = null;
        }
        SurveyQueries queries = r.port(SurveyQueries.class);
        SurveyQueries.SurveyResults res = queries.results(id, from, to);
        Messages t = r.messages();
        Map<String, Object> model = new HashMap<>();
        model.put("survey", r.port(SurveyAdmin.class).survey(id));
        model.put("results", res);
        model.put("errors", errors.asMap());
        model.put("values", r.formValues());
        model.put("weekChart", SvgCharts.lines("chart-nps-week", t.text("surveys.nps-by-week"),
                res.byWeek().stream().map(SurveyQueries.WeekNps::isoWeek).toList(),
                List.of(new SvgCharts.Series("NPS", res.byWeek().stream()
                        .map(w -> w.nps().score() == null ? null : Long.valueOf(w.nps().score())).toList())),
                Long::toString, -100L, 100L, t.text("chart.no-data")));
        Map<String, String> rankNames = new HashMap<>();
        r.optionalPort(RankLadder.class).ifPresent(q -> q.ranks()
                .forEach(k -> rankNames.put(k.code(), k.name(r.locale()))));
        model.put("rankNames", rankNames);
        Map<String, String> charts = new LinkedHashMap<>();
        for (SurveyQueries.QuestionResult q : res.questions()) {
            if (q.type() == QuestionType.FREE_TEXT) {
                continue;
            }
            List<SvgCharts.Bar> bars = q.buckets().stream()
                    .map(b -> new SvgCharts.Bar(b.label().get(r.locale()), b.count())).toList();
            charts.put(q.key(), SvgCharts.bars("chart-q-" + q.key(), q.text().get(r.locale()), bars,
                    r.formats()::number, t.text("chart.no-data")));
        }
        model.put("questionCharts", charts);
        model.put("freeTextQuestions", res.questions().stream().filter(q -> q.type() == QuestionType.FREE_TEXT).toList());
        String q = r.param("q").orElse(null);
        String question = r.param("question").orElse(null);
        Long before = r.param("before").map(b -> {
            try {
                return Long.valueOf(b);
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        model.put("freeText", queries.freeText(id, q, question, before, FREE_TEXT_PAGE));
        model.put("q", q == null ? "" : q);
        model.put("question", question == null ? "" : question);
        model.put("period", period(from, to));
        return PageResult.view("surveys/results.ftlh", model, errors.any() ? 400 : 200);
    }

    private static String period(LocalDate from, LocalDate to) {
        StringBuilder s = new StringBuilder();
        if (from != null) {
            s.append("from=").append(from);
        }
        if (to != null) {
            s.append(s.length() > 0 ? "&" : "").append("to=").append(to);
        }
        return s.toString();
    }

    private PageResult export(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        LocalDate from = date(r, errors, "from");
        LocalDate to = date(r, errors, "to");
        if (errors.any()) {
            throw new InvalidInput(errors.asMap().keySet().iterator().next(), "invalid-date");
        }
        String csv = r.port(SurveyQueries.class).exportCsv(id, from, to);
        // the export carries customer ids and free text out of Kizuna: recorded as the survey API records it
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("from", from);
        period.put("to", to);
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "survey.export", "survey:" + id, null, period));
        return new PageResult.Download("survey-" + id + ".csv", "text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static LocalDate date(PageRequest r, FormErrors errors, String field) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(field, "error.date");
            return null;
        }
    }
}
