package dev.kizuna.segment.timeline.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.Customer360Page;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.segment.timeline.SupportChannel;
import dev.kizuna.segment.timeline.SupportNote;
import dev.kizuna.segment.timeline.SupportNotes;
import dev.kizuna.segment.timeline.SupportTopic;
import dev.kizuna.segment.timeline.Timeline;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The timeline on the 360° page (newest touchpoints of every kind, a filter by kind, the next page by keyset) with
 * the support note form, and the follow-ups due for the signed-in staff member on the dashboard.
 */
public final class TimelineConsole {
    static final int PAGE = 20;

    private TimelineConsole() {
    }

    public static void register(ConsoleContributions console, Timeline timeline, SupportNotes notes) {
        console.pages().post("/customers/{ref}/notes", ConsoleRoutes.CUSTOMERS, r -> addNote(r, notes));
        console.pages().post("/support/notes/{id}/done", ConsoleRoutes.CUSTOMERS, r -> done(r, notes));
        console.customerSection(new Section(timeline));
        console.dashboardSection(new FollowUps(notes));
    }

    /** A touchpoint as the page shows it: when, the kind's label and its text in the reader's language. */
    public record Row(String at, String kind, String text) {
    }

    static Row row(Touchpoint tp, Messages t, Formats f, Locale locale) {
        Object[] args = tp.args().stream().map(a -> shown(a, t, f, locale)).toArray();
        return new Row(f.dateTime(tp.at()), t.text("timeline.kind." + tp.kind().name()), t.text(tp.textKey(), args));
    }

    /** An argument as the reader sees it; a list (the fields an account change touched) joined the reader's way. */
    private static Object shown(Object a, Messages t, Formats f, Locale locale) {
        if (a instanceof List<?> items) {
            List<String> parts = new ArrayList<>(items.size());
            items.forEach(i -> parts.add(String.valueOf(shown(i, t, f, locale))));
            return String.join(t.text("list-separator"), parts);
        }
        if (a instanceof Touchpoint.Money m) {
            return f.money(m.minor());
        }
        if (a instanceof Touchpoint.Label l) {
            return t.text(l.key());
        }
        if (a instanceof LocalizedText text) {
            return text.get(locale);
        }
        if (a instanceof LocalDate d) {
            return f.date(d);
        }
        return a;
    }

    record Section(Timeline timeline) implements CustomerSection {
        @Override
        public String id() {
            return "timeline";
        }

        @Override
        public int order() {
            return 950;
        }

        @Override
        public Panel render(CustomerPage c) {
            PageRequest r = c.request();
            Set<TouchpointKind> kinds;
            try {
                kinds = Timeline.kinds(r.param("timelineKind").orElse(null));
            } catch (InvalidInput e) {
                kinds = Set.of();
            }
            Timeline.Page page;
            try {
                page = timeline.page(c.customerRef(), kinds, r.param("timelineBefore").orElse(null), PAGE);
            } catch (InvalidInput e) {
                page = timeline.page(c.customerRef(), kinds, null, PAGE);
            }
            Map<String, Object> model = new HashMap<>();
            model.put("rows", page.touchpoints().stream().map(tp -> row(tp, r.messages(), r.formats(), r.locale())).toList());
            model.put("next", page.next());
            model.put("kind", kinds.size() == 1 ? kinds.iterator().next().name() : "");
            List<List<String>> kindOptions = new ArrayList<>();
            kindOptions.add(List.of("", r.messages().text("timeline.all-kinds")));
            for (TouchpointKind k : TouchpointKind.values()) {
                kindOptions.add(List.of(k.name(), r.messages().text("timeline.kind." + k.name())));
            }
            model.put("kindOptions", kindOptions);
            model.put("channels", Arrays.stream(SupportChannel.values())
                    .map(v -> List.of(v.name(), r.messages().text("timeline.channel." + v.name()))).toList());
            model.put("topics", Arrays.stream(SupportTopic.values())
                    .map(v -> List.of(v.name(), r.messages().text("timeline.topic." + v.name()))).toList());
            model.put("me", r.actor());
            return Panel.of(c.fragment("timeline/customer-section.ftlh", model));
        }
    }

    private static PageResult addNote(PageRequest r, SupportNotes notes) {
        String ref = r.path("ref");
        Customer360Page page = r.port(Customer360Page.class);
        FormErrors errors = new FormErrors(r.messages());
        SupportChannel channel = choice(r, errors, "note.channel", SupportChannel.class);
        SupportTopic topic = choice(r, errors, "note.topic", SupportTopic.class);
        String text = errors.text(r, "note.text", true, 4_000);
        LocalDate followUp = null;
        String day = r.param("note.followUpOn").orElse(null);
        if (day != null) {
            try {
                followUp = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                errors.add("note.followUpOn", "error.date");
            }
        }
        String assigned = errors.text(r, "note.assignedTo", false, 100);
        if (errors.any()) {
            return page.show(r, ref, errors, 400);
        }
        try {
            notes.add(ref, new SupportNote.Draft(channel, topic, text, followUp, assigned), r.actor());
        } catch (InvalidInput e) {
            return page.show(r, ref, errors.add(e, f -> "note." + f), 400);
        }
        r.flashKey("success", "timeline.note-added");
        return PageResult.redirect("/customers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20")
                + "#section-timeline");
    }

    private static <E extends Enum<E>> E choice(PageRequest r, FormErrors errors, String field, Class<E> type) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            errors.add(field, "error.required");
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            errors.add(field, "error.required");
            return null;
        }
    }

    private static PageResult done(PageRequest r, SupportNotes notes) {
        long id;
        try {
            id = Long.parseLong(r.path("id"));
        } catch (NumberFormatException e) {
            return PageResult.redirect("/");
        }
        if (notes.done(id, r.actor())) {
            r.flashKey("success", "timeline.follow-up-closed");
        }
        return PageResult.redirect("/#section-follow-ups");
    }

    record FollowUps(SupportNotes notes) implements DashboardSection {
        @Override
        public String id() {
            return "follow-ups";
        }

        @Override
        public int order() {
            return 20;
        }

        @Override
        public Panel render(PageRequest r) {
            List<SupportNote> due = notes.dueFor(r.actor(), 20);
            List<Map<String, Object>> rows = due.stream().map(n -> Map.<String, Object>of(
                    "id", n.id(),
                    "ref", n.customerRef(),
                    "refPath", URLEncoder.encode(n.customerRef(), StandardCharsets.UTF_8).replace("+", "%20"),
                    "due", r.formats().date(n.followUpOn()),
                    "channel", r.messages().text("timeline.channel." + n.channel().name()),
                    "topic", r.messages().text("timeline.topic." + n.topic().name()),
                    "text", n.text())).toList();
            return Panel.of(r.fragment("timeline/follow-ups.ftlh", Map.of("followUps", rows)));
        }
    }
}
