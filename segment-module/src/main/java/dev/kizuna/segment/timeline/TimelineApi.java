package dev.kizuna.segment.timeline;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRoutes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * <ul>
 *   <li>{@code GET /customers/{id}/timeline?kind=&before=&limit=} (every console role): a page of the customer's
 *       touchpoints, newest first; {@code kind} a comma-separated list of kinds, {@code before} the {@code next}
 *       of the page before;</li>
 *   <li>{@code POST /customers/{id}/notes} (every console role): a support note {@code {channel, topic, text,
 *       followUpOn, assignedTo}};</li>
 *   <li>{@code GET /support/follow-ups} (every console role): the caller's open follow-ups due today or earlier;
 *       {@code POST /support/notes/{id}/done} closes one.</li>
 * </ul>
 */
final class TimelineApi {
    /** The body of a new note, as sent. */
    record NoteBody(String channel, String topic, String text, String followUpOn, String assignedTo) {
    }

    private TimelineApi() {
    }

    static void register(ApiRoutes api, Timeline timeline, SupportNotes notes) {
        Access staff = Access.admin();
        api.doc("A customer's touchpoints, newest first, paged by keyset and filterable by kind").get("/customers/{id}/timeline", staff, r -> timeline.page(r.path("id"),
                Timeline.kinds(r.query("kind").orElse(null)), r.query("before").orElse(null),
                r.queryInt("limit", 20, 1, Timeline.MAX_PAGE)));
        api.doc("Records a support contact on a customer (text sealed)").body(NoteBody.class).post("/customers/{id}/notes", staff, r -> {
            NoteBody b = r.body(NoteBody.class);
            return notes.add(r.path("id"), draft(b), r.actor());
        });
        api.doc("The follow-ups due for the signed-in staff member").get("/support/follow-ups", staff, r -> notes.dueFor(r.actor(), 100));
        api.doc("Marks a support note's follow-up done").post("/support/notes/{id}/done", staff, r -> java.util.Map.of("done",
                notes.done(noteId(r.path("id")), r.actor())));
    }

    static long noteId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "whole-number");
        }
    }

    static SupportNote.Draft draft(NoteBody b) {
        return new SupportNote.Draft(choice("channel", b.channel(), SupportChannel.class),
                choice("topic", b.topic(), SupportTopic.class), b.text(), day(b.followUpOn()), b.assignedTo());
    }

    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "one-of", String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    static LocalDate day(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("followUpOn", "invalid-date");
        }
    }
}
