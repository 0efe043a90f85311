package dev.kizuna.messaging.consent;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;

import java.util.Map;

/**
 * The customer's consent per channel: taken from the host's registration and account events, changed by the
 * shopper's preferences and by unsubscribing; plus the addresses a channel refused for good. Audiences select only
 * members who consented to the channel and are not suppressed on it ({@link #MAY_RECEIVE}).
 */
public final class Consents {
    /**
     * The condition a marketing audience adds for a channel, over the member alias {@code m}; the parameters are the
     * channel's name and the member id the members come after (0 for all). The bound is repeated inside because the
     * planner does not carry {@code m.id > ?} over to the consent side: a send paging through its audience read
     * the consent index from its start on every page, a million entries for the last page of a million members.
     */
    public static final String MAY_RECEIVE = """
            EXISTS (SELECT 1 FROM message_consent c WHERE c.member_id = m.id AND c.channel = ? AND c.granted
                                                       AND c.member_id > ?)""";
    /** Suppressed on the channel (parameters: the channel's name, the member id the members come after). */
    public static final String SUPPRESSED = """
            EXISTS (SELECT 1 FROM message_suppression s WHERE s.member_id = m.id AND s.channel = ? AND s.member_id > ?)""";

    private final ConsentStore store = new ConsentStore();
    private final ShopClock clock;

    public Consents(ShopClock clock) {
        this.clock = clock;
    }

    public void onRegistered(CustomerRegistered e, Tx tx) {
        fromHost(tx, e.customerId(), e.consents());
    }

    public void onUpdated(CustomerUpdated e, Tx tx) {
        fromHost(tx, e.customerId(), e.consents());
    }

    public void onDeleted(CustomerDeleted e, Tx tx) {
        Members.find(tx, e.customerId()).ifPresent(id -> store.forget(tx, id));
    }

    /** Only the channels the host named change; an event that names none leaves the consents as they were. */
    private void fromHost(Tx tx, String customerRef, Map<String, Boolean> consents) {
        if (consents.isEmpty()) {
            return;
        }
        long member = Members.ensure(tx, customerRef);
        consents.forEach((key, granted) -> Channel.byKey(key).ifPresent(c ->
                store.set(tx, member, c, Boolean.TRUE.equals(granted), ConsentSource.HOST, clock.instant())));
    }

    public Map<Channel, Boolean> of(Tx tx, long memberId) {
        return store.of(tx, memberId);
    }

    public void set(Tx tx, long memberId, Channel channel, boolean granted, ConsentSource source) {
        store.set(tx, memberId, channel, granted, source, clock.instant());
    }

    public boolean granted(Tx tx, long memberId, Channel channel) {
        return store.of(tx, memberId).get(channel);
    }

    /** Of these members, those a message of this purpose may reach on the channel. */
    public java.util.Set<Long> reachable(Tx tx, java.util.List<Long> memberIds, Channel channel, Purpose purpose) {
        return store.reachable(tx, memberIds, channel, purpose == Purpose.MARKETING);
    }

    public void suppress(Tx tx, long memberId, Channel channel) {
        store.suppress(tx, memberId, channel, clock.instant());
    }

    public boolean suppressed(Tx tx, long memberId, Channel channel) {
        return store.suppressed(tx, memberId, channel);
    }
}
