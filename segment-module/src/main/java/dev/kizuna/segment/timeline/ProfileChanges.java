package dev.kizuna.segment.timeline;

import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.spi.CustomerUpdated;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Account changes on the timeline: which fields each {@code CustomerUpdated} changed (e-mail, name, phone, birth
 * date, language, consents), by label only. The update is compared with the member just before the mirror applies
 * it (this handler runs ahead of it), so the personal values are opened only in memory and only the field names are
 * written; an update that changes nothing leaves no touchpoint. Updates applied before this was installed have none.
 */
final class ProfileChanges implements TouchpointSource {
    /** Before the mirror, which overwrites what the update is compared with. */
    static final int BEFORE_MIRROR = EventBus.MIRROR - 1;

    private final SealedMembers members;
    private final ProfileChangeStore store = new ProfileChangeStore();

    ProfileChanges(SealedMembers members) {
        this.members = members;
    }

    void subscribe(EventBus bus) {
        bus.on(CustomerUpdated.class, "timeline.profile-changes", BEFORE_MIRROR, this::record);
    }

    private void record(CustomerUpdated e, Tx tx) {
        Optional<Long> member = Members.find(tx, e.customerId());
        if (member.isEmpty()) {
            return; // the update brings the member in: nothing was there to change
        }
        long id = member.get();
        ProfileChangeStore.Settings settings = store.settings(tx, id).orElseThrow();
        SealedMembers.Pii pii = members.read(tx, id);
        Set<ProfileField> changed = ProfileChange.between(
                new ProfileChange.Account(pii.email(), pii.name(), pii.phone(), pii.birthDate(), settings.locale(),
                        settings.consents()),
                new ProfileChange.Account(e.email(), e.name(), e.phone(), e.birthDate(), e.locale(), e.consents()));
        if (!changed.isEmpty()) {
            store.insert(tx, id, e.occurredAt(), changed);
        }
    }

    @Override
    public Set<TouchpointKind> kinds() {
        return Set.of(TouchpointKind.PROFILE_CHANGED);
    }

    @Override
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        return store.before(memberId, at, key, limit);
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        List<Touchpoint.Label> fields = new ArrayList<>();
        r.texts("fields").forEach(f -> fields.add(new Touchpoint.Label("timeline.profile-field."
                + ProfileField.valueOf(f).name())));
        return new Touchpoint(r.instant("at"), TouchpointKind.PROFILE_CHANGED, r.text("key"),
                "timeline.profile-changed", List.of(fields));
    }
}
