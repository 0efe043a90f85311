package dev.kizuna.messaging.delivery;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.MailHooks;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.ConsentSource;
import dev.kizuna.messaging.consent.Consents;
import dev.kizuna.messaging.consent.Purpose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens to a message after it is written: the mail delivery asks for its headers (RFC 8058 one-click
 * unsubscribe on every marketing mail) and reports bounces (the address is suppressed); the customer unsubscribes
 * through the signed link or the one-click POST (the consent for that channel is withdrawn at once, so the next
 * broadcast leaves them out) and clicks tracked links.
 */
public final class MessageEvents implements MailHooks {
    private final MessageStore store = new MessageStore();
    private final Database db;
    private final Consents consents;
    private final MessageLinks links;
    private final ShopClock clock;

    public MessageEvents(Database db, Consents consents, MessageLinks links, ShopClock clock) {
        this.db = db;
        this.consents = consents;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public Map<String, String> headers(Tx tx, long mailId, Long memberId) {
        Optional<MessageStore.Decided> m = store.byOutbox(tx, mailId, memberId);
        if (m.isEmpty() || m.get().purpose() != Purpose.MARKETING) {
            return Map.of();
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("List-Unsubscribe", "<" + links.unsubscribeUrl(m.get().id()) + ">");
        h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return h;
    }

    @Override
    public void bounced(Tx tx, long mailId, Long memberId) {
        store.byOutbox(tx, mailId, memberId).ifPresent(m -> consents.suppress(tx, m.memberId(), Channel.MAIL));
    }

    /** The channel a valid unsubscribe token would stop, for the confirmation page; empty for a bad link. */
    public Optional<Channel> unsubscribeTarget(String token) {
        return links.unsubscribing(token).flatMap(id -> db.inTransaction(tx -> store.find(tx, id)))
                .map(MessageStore.Decided::channel);
    }

    /** Withdraws the consent of the message's channel; empty for a bad link. Doing it twice changes nothing more. */
    public Optional<Channel> unsubscribe(String token) {
        return links.unsubscribing(token).flatMap(id -> db.inTransaction(tx -> {
            Optional<MessageStore.Decided> m = store.find(tx, id);
            m.ifPresent(d -> {
                consents.set(tx, d.memberId(), d.channel(), false, ConsentSource.UNSUBSCRIBE);
                store.unsubscribed(tx, d.id(), clock.instant());
            });
            return m.map(MessageStore.Decided::channel);
        }));
    }

    /** Records the click and gives the link's target; empty for a bad link. */
    public Optional<String> click(String token) {
        return links.click(token).map(c -> {
            db.execute(tx -> store.clicked(tx, c.messageId(), clock.instant()));
            return c.url();
        });
    }

    public List<CustomerMessage> ofMember(Tx tx, long memberId, int limit) {
        return store.ofMember(tx, memberId, limit);
    }
}
