package dev.kizuna.segment.timeline;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Support notes: staff record a contact with a customer (channel, topic, what was said, a follow-up due on a day by
 * a staff member); the text is sealed with {@link FieldCipher} bound to the member, so it is readable only through
 * Kizuna. A note is a touchpoint of the timeline; open follow-ups are listed for the staff member they are assigned
 * to. Adding a note and closing a follow-up are audited (without the text). The key rotation reseals the text
 * through {@link #reseal}.
 */
public final class SupportNotes implements TouchpointSource {
    static final int MAX_TEXT = 4_000;
    static final int MAX_STAFF = 100;

    private final Database db;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final ShopClock clock;
    private final ZoneId zone;
    private final SupportNoteStore store = new SupportNoteStore();

    public SupportNotes(Database db, FieldCipher cipher, AuditLog audit, ShopClock clock, ZoneId zone) {
        this.db = db;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    static String boundTo(long memberId) {
        return "support_note:" + memberId;
    }

    /** Checks the draft whole, then records it; refusals name the field and write nothing. */
    public SupportNote add(String customerRef, SupportNote.Draft draft, String actor) {
        if (draft.channel() == null) {
            throw new InvalidInput("channel", "required");
        }
        if (draft.topic() == null) {
            throw new InvalidInput("topic", "required");
        }
        String text = draft.text() == null ? "" : draft.text().strip();
        if (text.isEmpty()) {
            throw new InvalidInput("text", "required");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInput("text", "too-long", MAX_TEXT);
        }
        String assigned = draft.assignedTo() == null || draft.assignedTo().isBlank() ? null : draft.assignedTo().strip();
        if (assigned != null && assigned.length() > MAX_STAFF) {
            throw new InvalidInput("assignedTo", "too-long", MAX_STAFF);
        }
        if (draft.followUpOn() != null && assigned == null) {
            throw new InvalidInput("assignedTo", "timeline.follow-up-needs-staff");
        }
        if (draft.followUpOn() == null && assigned != null) {
            throw new InvalidInput("followUpOn", "timeline.staff-needs-follow-up");
        }
        SupportNote.Draft clean = new SupportNote.Draft(draft.channel(), draft.topic(), text, draft.followUpOn(), assigned);
        return db.inTransaction(tx -> {
            long memberId = memberId(tx, customerRef);
            Instant now = clock.instant();
            long id = store.insert(tx, memberId, clean, cipher.encrypt(text, boundTo(memberId)), actor, now);
            audit.record(tx, actor, "support-note.add", "customer:" + customerRef, null,
                    Map.of("note", id, "channel", clean.channel().name(), "topic", clean.topic().name(),
                            "followUpOn", String.valueOf(clean.followUpOn()), "assignedTo", String.valueOf(assigned)));
            return open(store.find(tx, id).orElseThrow());
        });
    }

    /** Marks a follow-up done; false when it was already done or had none. */
    public boolean done(long noteId, String actor) {
        return db.inTransaction(tx -> {
            SupportNoteStore.Row row = store.find(tx, noteId).orElseThrow(() -> new NotFound("no support note " + noteId));
            boolean changed = store.markDone(tx, noteId, clock.instant());
            if (changed) {
                audit.record(tx, actor, "support-note.follow-up-done", "customer:" + row.note().customerRef(), null,
                        Map.of("note", noteId));
            }
            return changed;
        });
    }

    /** Open follow-ups of {@code staff} due today or earlier in the shop's calendar. */
    public List<SupportNote> dueFor(String staff, int limit) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return db.inTransaction(tx -> store.due(tx, staff, today, limit).stream().map(this::open).toList());
    }

    public Optional<SupportNote> find(long id) {
        return db.inTransaction(tx -> store.find(tx, id).map(this::open));
    }

    private SupportNote open(SupportNoteStore.Row row) {
        SupportNote n = row.note();
        return new SupportNote(n.id(), n.customerRef(), n.channel(), n.topic(), cipher.decrypt(n.text(),
                boundTo(row.memberId())), n.followUpOn(), n.assignedTo(), n.followUpDoneAt(), n.createdBy(),
                n.createdAt());
    }

    /**
     * Seals the notes of these members again under the current key ({@code pii-key-rotation}); every note belongs to
     * a member, so a batch's rows of no member hold none. Returns how many notes changed.
     */
    long reseal(Tx tx, List<Long> memberIds) {
        long changed = 0;
        for (SupportNoteStore.Sealed n : store.sealedOf(tx, memberIds)) {
            String again = cipher.reseal(n.body(), boundTo(n.memberId()));
            if (!again.equals(n.body())) {
                store.replaceBody(tx, n.id(), again);
                changed++;
            }
        }
        return changed;
    }

    static long memberId(Tx tx, String customerRef) {
        return tx.sql().one("SELECT id FROM member WHERE customer_ref = ?", rs -> rs.getLong(1), customerRef)
                .orElseThrow(() -> new NotFound("no customer " + customerRef));
    }

    @Override
    public Set<TouchpointKind> kinds() {
        return Set.of(TouchpointKind.SUPPORT_NOTE);
    }

    @Override
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        return store.before(memberId, at, key, limit);
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        LocalDate followUpOn = r.date("follow_up_on");
        String assigned = r.text("assigned_to");
        return new Touchpoint(r.instant("at"), TouchpointKind.SUPPORT_NOTE, r.text("key"),
                followUpOn == null ? "timeline.note" : "timeline.note-follow-up",
                List.of(new Touchpoint.Label("timeline.channel." + SupportChannel.valueOf(r.text("channel")).name()),
                        new Touchpoint.Label("timeline.topic." + SupportTopic.valueOf(r.text("topic")).name()),
                        cipher.decrypt(r.text("body"), boundTo(r.number("member_id"))), r.text("created_by"),
                        followUpOn == null ? "" : followUpOn, assigned == null ? "" : assigned));
    }
}
