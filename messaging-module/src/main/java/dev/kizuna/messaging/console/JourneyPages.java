package dev.kizuna.messaging.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.MessageTemplates;
import dev.kizuna.messaging.journey.JourneyRequest;
import dev.kizuna.messaging.journey.JourneyTrigger;
import dev.kizuna.messaging.journey.Journeys;
import dev.kizuna.messaging.report.Reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Journeys in the console: a journey's page shows its steps as a vertical flow, each with its wait (a number and a
 * unit: "1 hour", "3 days"), its message in Japanese and English, its condition (the audience builder, fewer rows)
 * and its figures, a preview for a real customer and a test send; the journey's trigger, exit on an order, holdout
 * and on/off switch. The shipped journeys are edited like any other. A save checks every field before anything is
 * written; the journeys service then checks the whole as the API does.
 */
final class JourneyPages {
    /** Steps a journey may have, as the journeys service allows. */
    static final int MAX_STEPS = 10;

    /** A wait's unit in the form, and how long one of it is. */
    enum WaitUnit {
        MINUTES(Duration.ofMinutes(1)), HOURS(Duration.ofHours(1)), DAYS(Duration.ofDays(1));

        final Duration length;

        WaitUnit(Duration length) {
            this.length = length;
        }

        /** The largest unit a wait is a whole number of. */
        static WaitUnit of(Duration wait) {
            if (!wait.isZero() && wait.toSeconds() % DAYS.length.toSeconds() == 0) {
                return DAYS;
            }
            if (!wait.isZero() && wait.toSeconds() % HOURS.length.toSeconds() == 0) {
                return HOURS;
            }
            return MINUTES;
        }
    }

    private final Journeys journeys;
    private final Audiences audiences;
    private final MessageTemplates templates;
    private final MessagePreview previews;
    private final AudienceWords words;
    private final Reports reports;

    JourneyPages(Journeys journeys, Audiences audiences, MessageTemplates templates, MessagePreview previews,
                 AudienceWords words, Reports reports) {
        this.journeys = journeys;
        this.audiences = audiences;
        this.templates = templates;
        this.previews = previews;
        this.words = words;
        this.reports = reports;
    }

    void register(ConsoleRoutes routes) {
        routes.get("/messaging/journeys/new", ConsoleRoutes.CONFIGURE, r -> newPage(r, newDefaults(),
                new FormErrors(r.messages()), 200));
        routes.post("/messaging/journeys", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/messaging/journeys/{id}", ConsoleRoutes.CONFIGURE, r -> {
            Journeys.JourneyView j = journeys.view(r.pathLong("id"));
            return page(r, j, values(j, r), new FormErrors(r.messages()), 200);
        });
        routes.post("/messaging/journeys/{id}", ConsoleRoutes.CONFIGURE, this::save);
        routes.post("/messaging/journeys/{id}/active", ConsoleRoutes.CONFIGURE, this::switchOnOff);
        routes.post("/messaging/journeys/{id}/test", ConsoleRoutes.CONFIGURE, this::testSend);
    }

    /** Step slots the new journey's form offers. */
    static final int NEW_SLOTS = 3;

    private static Map<String, String> newDefaults() {
        Map<String, String> v = new HashMap<>();
        v.put("trigger", JourneyTrigger.REGISTERED.name());
        v.put("channel", Channel.MAIL.key());
        v.put("purpose", "marketing");
        v.put("holdoutPercent", "10");
        v.put("conversionDays", "7");
        v.put("exitOnOrder", "on");
        v.put("s0.wait", "0");
        return v;
    }

    private PageResult newPage(PageRequest r, Map<String, String> values, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors.asMap());
        model.put("criterionGroups", AudienceForm.choices(r));
        model.put("stepRows", AudienceForm.STEP_ROWS);
        model.put("slots", NEW_SLOTS);
        choices(r, model);
        return PageResult.view("messaging/journey-new.ftlh", model, status);
    }

    private static void choices(PageRequest r, Map<String, Object> model) {
        model.put("triggerChoices", java.util.Arrays.stream(JourneyTrigger.values())
                .map(t -> List.of(t.name(), r.messages().text("messaging.trigger." + t.name()))).toList());
        model.put("unitChoices", java.util.Arrays.stream(WaitUnit.values())
                .map(u -> List.of(u.name(), r.messages().text("messaging.unit." + u.name()))).toList());
    }

    /** A new journey from its form, switched off (as the shipped ones start). */
    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        String key = errors.text(r, "key", true, 40);
        JourneyRequest request = request(r, errors, key, 0, NEW_SLOTS, false);
        if (errors.any()) {
            return newPage(r, r.formValues(), errors, 400);
        }
        long id;
        try {
            id = journeys.create(request).id();
        } catch (InvalidInput e) {
            return newPage(r, r.formValues(), errors.add(e, JourneyPages::formField), 400);
        }
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "messaging.journey-create",
                "journey:" + id, null, Map.of("key", key)));
        r.flashKey("success", "messaging.journey-created");
        return PageResult.redirect("/messaging/journeys/" + id);
    }

    /** The form's values for a stored journey. */
    static Map<String, String> values(Journeys.JourneyView j, PageRequest r) {
        Map<String, String> v = new HashMap<>();
        v.put("name.ja", j.name().exactly(LocalizedText.JA).orElse(""));
        v.put("name.en", j.name().exactly(LocalizedText.EN).orElse(""));
        v.put("trigger", j.trigger().name());
        if (j.triggerValue() != null) {
            v.put("triggerValue", BigDecimal.valueOf(j.triggerValue()).stripTrailingZeros().toPlainString());
        }
        v.put("channel", j.channel());
        v.put("purpose", j.purpose().name().toLowerCase(Locale.ROOT));
        v.put("holdoutPercent", String.valueOf(j.holdoutPercent()));
        v.put("conversionDays", String.valueOf(j.conversionDays()));
        if (j.exitOnOrder()) {
            v.put("exitOnOrder", "on");
        }
        for (Journeys.StepView s : j.steps()) {
            String p = "s" + s.step() + ".";
            Duration wait = s.delay();
            WaitUnit unit = WaitUnit.of(wait);
            v.put(p + "wait", String.valueOf(wait.toSeconds() / unit.length.toSeconds()));
            v.put(p + "unit", unit.name());
            v.put(p + "subject.ja", s.subject().exactly(LocalizedText.JA).orElse(""));
            v.put(p + "subject.en", s.subject().exactly(LocalizedText.EN).orElse(""));
            v.put(p + "body.ja", s.body().exactly(LocalizedText.JA).orElse(""));
            v.put(p + "body.en", s.body().exactly(LocalizedText.EN).orElse(""));
            if (s.condition() != null) {
                v.putAll(AudienceForm.values(AudienceJson.read((JsonNode) s.condition(), "condition"), p,
                        AudienceForm.STEP_ROWS));
            }
        }
        return v;
    }

    private PageResult page(PageRequest r, Journeys.JourneyView j, Map<String, String> values, FormErrors errors,
                            int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("j", j);
        model.put("values", values);
        model.put("errors", errors.asMap());
        model.put("criterionGroups", AudienceForm.choices(r));
        model.put("stepRows", AudienceForm.STEP_ROWS);
        // the stored steps, and one empty slot to add a step in (while there is room)
        model.put("slots", Math.min(j.steps().size() + 1, MAX_STEPS));
        choices(r, model);
        List<String> conditions = new ArrayList<>();
        List<ReportView> stepReports = new ArrayList<>();
        for (Journeys.StepView s : j.steps()) {
            conditions.add(s.condition() == null ? null
                    : words.describe(r, AudienceJson.read((JsonNode) s.condition(), "condition")));
            Reports.CouponCost coupons = r.ctx().database().inTransaction(tx ->
                    reports.couponCost(tx, MessageSource.JOURNEY, j.id(), s.step()));
            stepReports.add(ReportView.of(r, "step-" + s.step(), s.report(), coupons));
        }
        model.put("conditionWords", conditions);
        model.put("stepReports", stepReports);
        model.put("report", ReportView.of(r, "journey", j.report(), r.ctx().database().inTransaction(tx ->
                reports.couponCost(tx, MessageSource.JOURNEY, j.id(), null))));
        preview(r, j, model);
        return PageResult.view("messaging/journey.ftlh", model, status);
    }

    /** A step's preview for the customer asked for ({@code ?step=&q=} or {@code &customer=}). */
    private void preview(PageRequest r, Journeys.JourneyView j, Map<String, Object> model) {
        int step = r.intParam("step", 0, 0, Math.max(j.steps().size() - 1, 0));
        model.put("previewStep", step);
        String q = r.param("q").orElse(null);
        String customer = r.param("customer").orElse(null);
        if (q != null) {
            List<MessagePreview.Customer> hits = previews.find(q);
            model.put("q", q);
            model.put("hits", hits);
            if (customer == null && hits.size() == 1) {
                customer = hits.get(0).ref();
            }
        }
        if (customer != null && !j.steps().isEmpty()) {
            Journeys.StepView s = j.steps().get(step);
            model.put("customer", customer);
            Optional<MessageTemplates.Rendered> p = previews.render(s.subject(), s.body(), j.purpose(), false, customer,
                    r.locale().getLanguage());
            p.ifPresentOrElse(x -> model.put("preview", x), () -> model.put("noSuchCustomer", true));
        }
    }

    private PageResult save(PageRequest r) {
        long id = r.pathLong("id");
        Journeys.JourneyView current = journeys.view(id);
        FormErrors errors = new FormErrors(r.messages());
        JourneyRequest request = request(r, errors, current.key(), current.steps().size(),
                Math.min(current.steps().size() + 1, MAX_STEPS), current.active());
        if (errors.any()) {
            return page(r, current, r.formValues(), errors, 400);
        }
        try {
            journeys.update(id, request);
        } catch (InvalidInput e) {
            return page(r, current, r.formValues(), errors.add(e, JourneyPages::formField), 400);
        } catch (Conflict e) {
            return page(r, current, r.formValues(), errors.add("_form", r.messages().textOrSelf(e.getMessage())), 409);
        }
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "messaging.journey-update",
                "journey:" + id, null, Map.of("key", current.key())));
        r.flashKey("success", "messaging.journey-saved");
        return PageResult.redirect("/messaging/journeys/" + id);
    }

    /** The journeys service's field as the form names it: {@code steps[1].body.en} is {@code s1.body.en}. */
    static String formField(String field) {
        Matcher m = Pattern.compile("^steps\\[(\\d+)]\\.?(.*)$").matcher(field);
        if (m.matches()) {
            String rest = m.group(2);
            if (rest.isEmpty() || rest.equals("after")) {
                return "s" + m.group(1) + ".wait";
            }
            if (rest.startsWith("condition")) {
                return "s" + m.group(1) + ".json";
            }
            return "s" + m.group(1) + "." + rest;
        }
        return switch (field) {
            case "name" -> "name.ja";
            case "steps" -> "s0.subject.ja";
            default -> field;
        };
    }

    /** The form as the journeys service's request, every field's refusal noted; null values where refused. */
    private JourneyRequest request(PageRequest r, FormErrors errors, String key, int storedSteps, int slots,
                                   boolean active) {
        Instant now = r.ctx().clock().instant();
        LocalizedText name = MessageForms.bothLanguages(r, errors, "name", 200);
        JourneyTrigger trigger = null;
        try {
            trigger = JourneyTrigger.valueOf(r.param("trigger").orElse(""));
        } catch (IllegalArgumentException e) {
            errors.add("trigger", "messaging.unknown-choice");
        }
        Double triggerValue = triggerValue(r, errors, trigger);
        Channel channel = AudiencePages.channel(r, errors);
        Purpose purpose = MessageForms.purpose(r, errors);
        Integer holdout = errors.intValue(r, "holdoutPercent", false, 0, 50);
        Integer conversionDays = errors.intValue(r, "conversionDays", false, 1, 90);
        List<JourneyRequest.Step> steps = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            String p = "s" + i + ".";
            boolean stored = i < storedSteps;
            boolean typed = r.param(p + "subject.ja").isPresent() || r.param(p + "subject.en").isPresent()
                    || r.param(p + "body.ja").isPresent() || r.param(p + "body.en").isPresent();
            if (r.flag(p + "remove") || (!stored && !typed)) {
                continue; // a removed step, or the empty slot left empty
            }
            Duration wait = wait(r, errors, p);
            MessageTemplates.Texts texts = MessageForms.message(r, errors, templates, p);
            Audience condition = AudienceForm.read(r, errors, p, AudienceForm.STEP_ROWS, audiences, now, false);
            steps.add(new JourneyRequest.Step(wait == null ? null : wait.toString(),
                    texts == null ? null : texts.subject(), texts == null ? null : texts.body(),
                    condition == null ? null : AudienceJson.write(condition)));
        }
        if (steps.isEmpty()) {
            errors.add("s0.subject.ja", "messaging.journey-needs-a-step");
        }
        return new JourneyRequest(key, name, trigger == null ? null : trigger.name(), triggerValue,
                channel.key(), purpose.name().toLowerCase(Locale.ROOT), steps, r.flag("exitOnOrder"), holdout,
                conversionDays, active);
    }

    /** Days before expiry (1–366) or a P(alive) threshold in percent (shown so, stored as 0–1). */
    private static Double triggerValue(PageRequest r, FormErrors errors, JourneyTrigger trigger) {
        if (trigger == JourneyTrigger.POINTS_EXPIRING) {
            Integer days = errors.intValue(r, "triggerValue", true, 1, 366);
            return days == null ? null : days.doubleValue();
        }
        if (trigger == JourneyTrigger.WIN_BACK) {
            String v = r.param("triggerValue").orElse(null);
            if (v == null) {
                errors.add("triggerValue", "error.required");
                return null;
            }
            try {
                double p = Double.parseDouble(v);
                if (p <= 0 || p >= 1) {
                    errors.add("triggerValue", "messaging.p-alive-threshold");
                    return null;
                }
                return p;
            } catch (NumberFormatException e) {
                errors.add("triggerValue", "messaging.not-a-number");
                return null;
            }
        }
        return null;
    }

    private static Duration wait(PageRequest r, FormErrors errors, String p) {
        Long n = errors.longValue(r, p + "wait", false, 0, 527_040);
        if (errors.asMap().containsKey(p + "wait")) {
            return null;
        }
        WaitUnit unit;
        try {
            unit = WaitUnit.valueOf(r.param(p + "unit").orElse(WaitUnit.HOURS.name()));
        } catch (IllegalArgumentException e) {
            errors.add(p + "unit", "messaging.unknown-choice");
            return null;
        }
        Duration wait = unit.length.multipliedBy(n == null ? 0 : n);
        if (wait.compareTo(Duration.ofDays(366)) > 0) {
            errors.add(p + "wait", "messaging.wait-too-long");
            return null;
        }
        return wait;
    }

    /** Switches the journey on or off; what else it says stays as stored. */
    private PageResult switchOnOff(PageRequest r) {
        long id = r.pathLong("id");
        Journeys.JourneyView j = journeys.view(id);
        boolean on = r.flag("active");
        List<JourneyRequest.Step> steps = j.steps().stream().map(s -> new JourneyRequest.Step(s.after(), s.subject(),
                s.body(), (JsonNode) s.condition())).toList();
        journeys.update(id, new JourneyRequest(j.key(), j.name(), j.trigger().name(), j.triggerValue(), j.channel(),
                j.purpose().name(), steps, j.exitOnOrder(), j.holdoutPercent(), j.conversionDays(), on));
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "messaging.journey-switch",
                "journey:" + id, Map.of("active", j.active()), Map.of("active", on)));
        r.flashKey("success", on ? "messaging.journey-on" : "messaging.journey-off");
        return PageResult.redirect("/messaging/journeys/" + id);
    }

    private PageResult testSend(PageRequest r) {
        long id = r.pathLong("id");
        Journeys.JourneyView j = journeys.view(id);
        FormErrors errors = new FormErrors(r.messages());
        String address = previews.testAddress(r, errors);
        Integer step = errors.intValue(r, "testStep", true, 0, Math.max(j.steps().size() - 1, 0));
        String customer = r.param("testCustomer").orElse(null);
        Optional<MessageTemplates.Rendered> rendered = Optional.empty();
        if (!errors.any()) {
            Journeys.StepView s = j.steps().get(step);
            rendered = previews.render(s.subject(), s.body(), j.purpose(), false, customer, r.locale().getLanguage());
            if (rendered.isEmpty()) {
                errors.add("testCustomer", "messaging.no-such-customer");
            }
        }
        if (errors.any()) {
            Map<String, String> v = values(j, r); // the journey's form keeps showing the journey
            v.putAll(r.formValues());
            return page(r, j, v, errors, 400);
        }
        previews.testSend(rendered.get(), address, r.locale().getLanguage(), r.messages().text("messaging.test-mark"),
                r.actor(), "journey:" + id + ":step:" + step);
        r.flashKey("success", "messaging.test-sent", address);
        return PageResult.redirect("/messaging/journeys/" + id);
    }
}
