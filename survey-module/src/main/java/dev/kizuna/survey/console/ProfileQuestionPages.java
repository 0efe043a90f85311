package dev.kizuna.survey.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileOption;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Profile questions: what the shop asks a little at a time (priority, placements, after how many visits, reward,
 * PII), with how often each was answered or skipped. Options are rows of key, Japanese and
 * English, as the survey builder's choices are.
 * The profiling service validates and audit-logs every change.
 */
public final class ProfileQuestionPages {

    public void register(ConsoleRoutes routes) {
        routes.get("/profile-questions", ConsoleRoutes.CONFIGURE, this::list);
        routes.get("/profile-questions/new", ConsoleRoutes.CONFIGURE,
                r -> form(r, null, Map.of("priority", "100", "rewardPoints", "0", "afterVisits", "0", "active", "on"),
                        new FormErrors(r.messages()), 200));
        routes.post("/profile-questions", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/profile-questions/{key}", ConsoleRoutes.CONFIGURE, r -> {
            ProfileQuestion q = question(r);
            return form(r, q, values(q), new FormErrors(r.messages()), 200);
        });
        routes.post("/profile-questions/{key}", ConsoleRoutes.CONFIGURE, this::update);
    }

    private PageResult list(PageRequest r) {
        ProfileQuestionAdmin admin = r.port(ProfileQuestionAdmin.class);
        Map<String, ProfileQuestionAdmin.QuestionStats> stats = new HashMap<>();
        for (ProfileQuestionAdmin.QuestionStats s : admin.stats()) {
            stats.put(s.key(), s);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("questions", admin.questions());
        model.put("stats", stats);
        return PageResult.view("profile-questions/list.ftlh", model);
    }

    private PageResult form(PageRequest r, ProfileQuestion question, Map<String, String> values, FormErrors errors,
                            int status) {
        Map<String, Object> model = new HashMap<>();
        if (question != null) {
            model.put("question", question);
        }
        model.put("errors", errors.asMap());
        model.put("values", errors.any() ? r.formValues() : values);
        return PageResult.view("profile-questions/form.ftlh", model, status);
    }

    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        Typed typed = read(r, errors, r.param("key").orElse(null));
        ProfileQuestion q = typed.question();
        if (errors.any()) {
            return form(r, null, Map.of(), errors, 400);
        }
        try {
            r.port(ProfileQuestionAdmin.class).create(q, r.actor());
        } catch (InvalidInput e) {
            return form(r, null, Map.of(), errors.add(e, typed::formField), 400);
        } catch (Conflict e) {
            return form(r, null, Map.of(), errors.add("key", e.getMessage()), 409);
        }
        r.flashKey("success", "profile.created", q.key());
        return PageResult.redirect("/profile-questions");
    }

    private PageResult update(PageRequest r) {
        ProfileQuestion current = question(r);
        FormErrors errors = new FormErrors(r.messages());
        Typed typed = read(r, errors, current.key());
        ProfileQuestion q = typed.question();
        if (errors.any()) {
            return form(r, current, values(current), errors, 400);
        }
        try {
            r.port(ProfileQuestionAdmin.class).update(current.key(), q, r.actor());
        } catch (InvalidInput e) {
            return form(r, current, values(current), errors.add(e, typed::formField), 400);
        } catch (Conflict e) {
            return form(r, current, values(current), errors.add("type", e.getMessage()), 409);
        }
        r.flashKey("success", "profile.updated", current.key());
        return PageResult.redirect("/profile-questions");
    }

    /** A question as typed, with the option rows it came from, to put a refusal beside the row it concerns. */
    record Typed(ProfileQuestion question, SurveyForms.TypedRows<ProfileOption> options) {
        String formField(String field) {
            return field.startsWith("options[") ? options.formField(field, "options") : FormErrors.listField(field);
        }
    }

    static Typed read(PageRequest r, FormErrors errors, String key) {
        // what the profiling service would refuse one at a time is checked here first, so a form names all at once
        if (key == null) {
            errors.add("key", "error.required");
        }
        errors.text(r, "label.ja", true, ProfileQuestion.MAX_LABEL);
        errors.text(r, "label.en", false, ProfileQuestion.MAX_LABEL);
        ProfileAnswerType type = null;
        try {
            type = ProfileAnswerType.valueOf(r.param("type").orElse(""));
        } catch (IllegalArgumentException e) {
            errors.add("type", "error.required");
        }
        AskRule askRule = AskRule.SKIP_IF_KNOWN;
        try {
            askRule = AskRule.valueOf(r.param("askRule").orElse(AskRule.SKIP_IF_KNOWN.name()));
        } catch (IllegalArgumentException e) {
            errors.add("askRule", "error.required");
        }
        SurveyForms.TypedRows<ProfileOption> options = SurveyForms.rows(r, errors, "options", "optionCount",
                ProfileOption::new);
        if (type != null && type.withOptions() && options.items().size() < 2 && !errors.asMap().containsKey("options")) {
            errors.add(new InvalidInput("options", "profiling.options-count", 2, 30));
        }
        for (int i = 0; i < options.items().size(); i++) {
            if (options.items().get(i).label() == null || options.items().get(i).label().exactly("ja").isEmpty()) {
                errors.add("options[" + options.rows().get(i) + "].label.ja", "error.required");
            }
        }
        BigDecimal min = decimal(r, errors, "min");
        BigDecimal max = decimal(r, errors, "max");
        Integer priority = errors.intValue(r, "priority", true, 0, 1000);
        Long reward = errors.longValue(r, "rewardPoints", false, 0, 1_000_000);
        Integer afterVisits = errors.intValue(r, "afterVisits", false, 0, 1000);
        List<String> placements = Arrays.stream(r.raw("placements").split("[,\\s]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        return new Typed(new ProfileQuestion(key, r.localized("label"), type, options.items(),
                min, max, priority == null ? 0 : priority, r.flag("pii"), reward == null ? 0 : reward, placements,
                askRule, afterVisits == null ? 0 : afterVisits, r.flag("active")), options);
    }

    private static BigDecimal decimal(PageRequest r, FormErrors errors, String field) {
        return r.param(field).map(v -> {
            try {
                return new BigDecimal(v);
            } catch (NumberFormatException e) {
                errors.add(field, "profile.number");
                return null;
            }
        }).orElse(null);
    }

    static Map<String, String> values(ProfileQuestion q) {
        Map<String, String> v = new HashMap<>();
        v.put("key", q.key());
        SurveyForms.put(v, "label", q.label());
        v.put("type", q.type().name());
        SurveyForms.putRows(v, "options", "optionCount", q.options(), ProfileOption::key, ProfileOption::label);
        if (q.min() != null) {
            v.put("min", q.min().toPlainString());
        }
        if (q.max() != null) {
            v.put("max", q.max().toPlainString());
        }
        v.put("priority", Integer.toString(q.priority()));
        if (q.pii()) {
            v.put("pii", "on");
        }
        v.put("rewardPoints", Long.toString(q.rewardPoints()));
        v.put("placements", String.join(", ", q.placements()));
        v.put("askRule", q.askRule().name());
        v.put("afterVisits", Integer.toString(q.afterVisits()));
        if (Boolean.TRUE.equals(q.active())) {
            v.put("active", "on");
        }
        return v;
    }

    private static ProfileQuestion question(PageRequest r) {
        String key = r.path("key");
        return r.port(ProfileQuestionAdmin.class).questions().stream().filter(q -> q.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFound("no profile question " + key));
    }
}
