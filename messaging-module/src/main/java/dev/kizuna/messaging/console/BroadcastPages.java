package dev.kizuna.messaging.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.ports.CouponCampaignDirectory;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.broadcast.BroadcastRequest;
import dev.kizuna.messaging.broadcast.BroadcastStatus;
import dev.kizuna.messaging.broadcast.Broadcasts;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageTemplates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Broadcasts in the console: the form (name, audience built with its live count, channel, purpose, subject and body
 * in Japanese and English, holdout, a coupon campaign picked from the list, send time in shop time) saved as a draft,
 * scheduled or sent now; every field's refusal is shown at once and nothing is written while any remains. A
 * broadcast's page shows its progress and report, a preview for a real customer (found by member number, e-mail or
 * name) and a test send to a staff address through the mail outbox.
 */
final class BroadcastPages {
    /** Enough of an address to be one: the outbox's SMTP server has the last word. */

    private final Broadcasts broadcasts;
    private final Audiences audiences;
    private final MessageTemplates templates;
    private final MessagePreview previews;
    private final AudienceWords words;

    BroadcastPages(Broadcasts broadcasts, Audiences audiences, MessageTemplates templates, MessagePreview previews,
                   AudienceWords words) {
        this.broadcasts = broadcasts;
        this.audiences = audiences;
        this.templates = templates;
        this.previews = previews;
        this.words = words;
    }

    void register(ConsoleRoutes routes) {
        routes.get("/messaging/broadcasts/new", ConsoleRoutes.CONFIGURE, r -> form(r, null, defaults(),
                new FormErrors(r.messages()), 200));
        routes.get("/messaging/broadcasts/{id}/edit", ConsoleRoutes.CONFIGURE, r -> form(r, r.pathLong("id"),
                values(broadcasts.request(r.pathLong("id")), r.ctx().zone()), new FormErrors(r.messages()), 200));
        routes.post("/messaging/broadcasts/{id}", ConsoleRoutes.CONFIGURE, r -> save(r, r.pathLong("id")));
        routes.post("/messaging/broadcasts", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/messaging/broadcasts/{id}", ConsoleRoutes.CONFIGURE, r -> page(r, r.pathLong("id"),
                Map.of(), new FormErrors(r.messages()), 200));
        routes.post("/messaging/broadcasts/{id}/send", ConsoleRoutes.CONFIGURE, this::send);
        routes.post("/messaging/broadcasts/{id}/test", ConsoleRoutes.CONFIGURE, this::testSend);
    }

    private static Map<String, String> defaults() {
        Map<String, String> v = new HashMap<>();
        v.put("channel", Channel.MAIL.key());
        v.put("purpose", "marketing");
        v.put("holdoutPercent", "10");
        v.put("couponValidDays", "30");
        v.put("conversionDays", "7");
        return v;
    }

    private PageResult form(PageRequest r, Long id, Map<String, String> values, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        if (id != null) {
            model.put("broadcastId", id);
        }
        model.put("values", values);
        model.put("errors", errors.asMap());
        model.put("criterionGroups", AudienceForm.choices(r));
        model.put("rows", AudienceForm.ROWS);
        model.put("couponChoices", couponChoices(r));
        return PageResult.view("messaging/broadcast-form.ftlh", model, status);
    }

    /** The coupon campaigns to pick from, led by "none"; empty of campaigns without the coupons feature. */
    private static List<List<String>> couponChoices(PageRequest r) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("", r.messages().text("messaging.no-coupon")));
        r.optionalPort(CouponCampaignDirectory.class).ifPresent(d -> d.issuable()
                .forEach(c -> out.add(List.of(String.valueOf(c.id()), c.name().get(r.locale())))));
        return out;
    }

    private PageResult create(PageRequest r) {
        return save(r, null);
    }

    /** Creates ({@code id} null) or changes a broadcast from the form, then saves, schedules or sends it. */
    private PageResult save(PageRequest r, Long id) {
        FormErrors errors = new FormErrors(r.messages());
        String action = r.param("action").orElse("draft");
        BroadcastRequest request = request(r, errors, action);
        if (errors.any()) {
            return form(r, id, r.formValues(), errors, 400);
        }
        long saved;
        try {
            if (id == null) {
                saved = broadcasts.create(request, r.actor()).id();
            } else {
                broadcasts.update(id, request);
                saved = id;
                r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "messaging.broadcast-update",
                        "broadcast:" + id, null, Map.of("action", action)));
            }
        } catch (InvalidInput e) {
            return form(r, id, r.formValues(), errors.add(e, BroadcastPages::formField), 400);
        } catch (Conflict e) {
            return form(r, id, r.formValues(), errors.add("_form", "messaging.broadcast-already-sent"), 409);
        }
        if (action.equals("send")) {
            broadcasts.send(saved);
            r.flashKey("success", "messaging.broadcast-sending");
        } else {
            r.flashKey("success", action.equals("schedule") ? "messaging.broadcast-scheduled" : "messaging.broadcast-saved");
        }
        return PageResult.redirect("/messaging/broadcasts/" + saved);
    }

    /** The form as the broadcasts service's request, every field's refusal noted. */
    private BroadcastRequest request(PageRequest r, FormErrors errors, String action) {
        Instant now = r.ctx().clock().instant();
        LocalizedText name = MessageForms.bothLanguages(r, errors, "name", 200);
        Audience audience = AudienceForm.read(r, errors, "", AudienceForm.ROWS, audiences, now, true);
        Channel channel = AudiencePages.channel(r, errors);
        Purpose purpose = MessageForms.purpose(r, errors);
        MessageTemplates.Texts texts = MessageForms.message(r, errors, templates, "");
        Integer holdout = errors.intValue(r, "holdoutPercent", false, 0, 50);
        Long coupon = coupon(r, errors);
        Integer validDays = errors.intValue(r, "couponValidDays", false, 1, 365);
        Integer conversionDays = errors.intValue(r, "conversionDays", false, 1, 90);
        Instant sendAt = errors.shopTime(r, "sendAt", false);
        switch (action) {
            case "schedule" -> {
                if (sendAt == null && !errors.asMap().containsKey("sendAt")) {
                    errors.add("sendAt", "messaging.send-at-for-schedule");
                } else if (sendAt != null && sendAt.isBefore(now)) {
                    errors.add("sendAt", "messaging.send-at-past");
                }
            }
            case "draft", "send" -> sendAt = null; // a draft waits for its send; "send now" is now
            default -> errors.add("_form", "messaging.unknown-choice");
        }
        if (errors.any()) {
            return null;
        }
        return new BroadcastRequest(name, AudienceJson.write(audience), channel.key(),
                purpose.name().toLowerCase(java.util.Locale.ROOT), texts.subject(), texts.body(), holdout, coupon,
                validDays, conversionDays, sendAt);
    }

    /** The form's values for a stored broadcast. */
    private static Map<String, String> values(BroadcastRequest b, java.time.ZoneId zone) {
        Map<String, String> v = new HashMap<>();
        v.put("name.ja", b.name().exactly(LocalizedText.JA).orElse(""));
        v.put("name.en", b.name().exactly(LocalizedText.EN).orElse(""));
        v.put("channel", b.channel());
        v.put("purpose", b.purpose());
        v.put("subject.ja", b.subject().exactly(LocalizedText.JA).orElse(""));
        v.put("subject.en", b.subject().exactly(LocalizedText.EN).orElse(""));
        v.put("body.ja", b.body().exactly(LocalizedText.JA).orElse(""));
        v.put("body.en", b.body().exactly(LocalizedText.EN).orElse(""));
        v.put("holdoutPercent", String.valueOf(b.holdoutPercent()));
        if (b.couponCampaignId() != null) {
            v.put("couponCampaignId", String.valueOf(b.couponCampaignId()));
        }
        v.put("couponValidDays", String.valueOf(b.couponValidDays()));
        v.put("conversionDays", String.valueOf(b.conversionDays()));
        if (b.sendAt() != null) {
            v.put("sendAt", FormErrors.shopTimeValue(b.sendAt(), zone));
        }
        v.putAll(AudienceForm.values(AudienceJson.read(b.audience(), "audience"), "", AudienceForm.ROWS));
        return v;
    }

    /** A service's field as the form names it: a language-less text field is its Japanese input. */
    static String formField(String field) {
        return switch (field) {
            case "name", "subject", "body" -> field + ".ja";
            case "audience" -> "c0";
            default -> field.startsWith("audience") ? "json" : field;
        };
    }

    /** The picked campaign, which must be one the list offers. */
    private static Long coupon(PageRequest r, FormErrors errors) {
        Optional<String> picked = r.param("couponCampaignId");
        if (picked.isEmpty()) {
            return null;
        }
        List<CouponCampaignDirectory.Campaign> offered = r.optionalPort(CouponCampaignDirectory.class)
                .map(CouponCampaignDirectory::issuable).orElse(List.of());
        Optional<CouponCampaignDirectory.Campaign> c = offered.stream()
                .filter(o -> String.valueOf(o.id()).equals(picked.get())).findFirst();
        if (c.isEmpty()) {
            errors.add("couponCampaignId", "messaging.unknown-choice");
            return null;
        }
        return c.get().id();
    }

    private PageResult send(PageRequest r) {
        long id = r.pathLong("id");
        try {
            broadcasts.send(id);
            r.flashKey("success", "messaging.broadcast-sending");
        } catch (Conflict e) {
            r.flashKey("error", "messaging.broadcast-already-sent");
        }
        return PageResult.redirect("/messaging/broadcasts/" + id);
    }

    private PageResult testSend(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        String address = previews.testAddress(r, errors);
        String customer = r.param("testCustomer").orElse(null);
        Broadcasts.BroadcastView b = broadcasts.view(id);
        Optional<MessageTemplates.Rendered> rendered = Optional.empty();
        if (!errors.any()) {
            rendered = previews.render(b.subject(), b.body(), b.purpose(), b.couponCampaignId() != null, customer,
                    r.locale().getLanguage());
            if (rendered.isEmpty()) {
                errors.add("testCustomer", "messaging.no-such-customer");
            }
        }
        if (errors.any()) {
            return page(r, id, r.formValues(), errors, 400);
        }
        previews.testSend(rendered.get(), address, r.locale().getLanguage(), r.messages().text("messaging.test-mark"), r.actor(),
                "broadcast:" + id);
        r.flashKey("success", "messaging.test-sent", address);
        return PageResult.redirect("/messaging/broadcasts/" + id);
    }

    /** A broadcast's page: status, audience in words, report, preview (customer search) and the test send form. */
    private PageResult page(PageRequest r, long id, Map<String, String> values, FormErrors errors, int status) {
        Broadcasts.BroadcastView b = broadcasts.view(id);
        Map<String, Object> model = new HashMap<>();
        model.put("b", b);
        model.put("values", values);
        model.put("errors", errors.asMap());
        model.put("audienceWords", words.describe(r, AudienceJson.read((JsonNode) b.audience(), "audience")));
        model.put("sendable", b.status() == BroadcastStatus.DRAFT || b.status() == BroadcastStatus.SCHEDULED);
        model.put("couponName", b.couponCampaignId() == null ? null : r.optionalPort(CouponCampaignDirectory.class)
                .flatMap(d -> d.issuable().stream().filter(c -> c.id() == b.couponCampaignId()).findFirst())
                .map(c -> c.name().get(r.locale())).orElse("#" + b.couponCampaignId()));
        model.put("report", ReportView.of(r, "broadcast", b.report(), b.coupons()));
        if (b.sendAt() != null) {
            model.put("sendAt", b.sendAt());
        }
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
        if (customer != null) {
            String ref = customer;
            model.put("customer", ref);
            Optional<Broadcasts.Preview> p = previewOf(id, ref);
            p.ifPresent(pr -> model.put("preview", pr));
            if (p.isEmpty()) {
                model.put("noSuchCustomer", true);
            }
        }
        return PageResult.view("messaging/broadcast.ftlh", model, status);
    }

    private Optional<Broadcasts.Preview> previewOf(long id, String ref) {
        try {
            return Optional.of(broadcasts.preview(id, ref));
        } catch (dev.kizuna.core.errors.NotFound e) {
            return Optional.empty();
        }
    }
}
