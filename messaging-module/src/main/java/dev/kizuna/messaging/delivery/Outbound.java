package dev.kizuna.messaging.delivery;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.messaging.channel.MessageChannel;
import dev.kizuna.messaging.channel.OutgoingMessage;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Consents;
import dev.kizuna.messaging.consent.Purpose;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Where broadcasts and journeys hand their recipients, a batch at a time, in the caller's transaction. For each
 * customer it decides, in this order: reachable (not suppressed, opted in for a marketing message, an address on the
 * channel; else nothing is recorded), within the frequency cap (else CAPPED), in the campaign's holdout (HOLDOUT, not
 * sent), else sent: rendered with its unsubscribe link and tracked links and written to the channel. Every decision is
 * one {@code message} row, unique per occasion, so a retried batch decides nothing twice.
 */
public final class Outbound {
    static final Duration CAP_WINDOW = Duration.ofDays(7);

    /** What the messages are for: a broadcast (step 0) or a journey's step (each recipient with its entry). */
    public record Occasion(MessageSource source, long campaignId, int step, Channel channel,
                           Purpose purpose, int holdoutPercent) {
        public String holdoutKey() {
            return source.name().toLowerCase(java.util.Locale.ROOT) + ":" + campaignId;
        }
    }

    /** A customer to decide for; {@code entryId} is their journey entry (0 for a broadcast). */
    public record Recipient(long memberId, String customerRef, String locale, long entryId) {
        public Recipient(long memberId, String customerRef, String locale) {
            this(memberId, customerRef, locale, 0);
        }
    }

    /** A recipient about to be sent a message, with the links it will carry. */
    public record Addressed(Recipient recipient, long messageId, String unsubscribeUrl) {
    }

    public record Rendered(String subject, String html, String text, String couponCode) {
    }

    /**
     * What a broadcast or a journey step says: its templates, parsed once for the whole send, and the coupon
     * campaign whose code each recipient gets (null: none).
     */
    public record Content(MessageTemplates.Compiled texts, Long couponCampaignId, int couponValidDays) {
        public Content(MessageTemplates.Compiled texts) {
            this(texts, null, 0);
        }
    }

    public record Tally(long sent, long heldOut, long capped, long unreachable) {
        public static final Tally NONE = new Tally(0, 0, 0, 0);

        public Tally plus(Tally o) {
            return new Tally(sent + o.sent, heldOut + o.heldOut, capped + o.capped, unreachable + o.unreachable);
        }
    }

    private final MessageStore store = new MessageStore();
    private final Consents consents;
    private final Map<Channel, MessageChannel> channels = new EnumMap<>(Channel.class);
    private final MessageLinks links;
    private final Personalisation personalisation;
    private final int capPerWeek;
    private final QuietHours quiet;
    private final ZoneId zone;

    public Outbound(Consents consents, List<MessageChannel> channels, MessageLinks links,
                    Personalisation personalisation, int capPerWeek, QuietHours quiet, ZoneId zone) {
        this.consents = consents;
        channels.forEach(c -> this.channels.put(c.channel(), c));
        this.links = links;
        this.personalisation = personalisation;
        this.capPerWeek = capPerWeek;
        this.quiet = quiet;
        this.zone = zone;
    }

    /** Whether messages of this purpose wait now: marketing waits out the quiet hours of the shop's day. */
    public boolean waits(Purpose purpose, Instant now) {
        return purpose == Purpose.MARKETING && quiet.contains(now, zone);
    }

    /**
     * Takes the frequency-cap locks of every member a transaction will decide for before its first decision, so a
     * sender that decides in several groups (a journey tick's steps) takes them in one order, as a broadcast does.
     */
    public void holdCaps(Tx tx, List<Long> memberIds) {
        store.holdCaps(tx, memberIds);
    }

    public MessageChannel channel(Channel c) {
        return channels.get(c);
    }

    public Tally send(Tx tx, Occasion o, List<Recipient> recipients, Content content, Instant now) {
        if (recipients.isEmpty()) {
            return Tally.NONE;
        }
        MessageChannel channel = channels.get(o.channel());
        Set<Long> allowed = consents.reachable(tx, recipients.stream().map(Recipient::memberId).toList(), o.channel(),
                o.purpose());
        List<Recipient> reachable = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (Recipient r : recipients) {
            Optional<String> address = allowed.contains(r.memberId()) ? channel.address(r.customerRef()) : Optional.empty();
            if (address.isPresent()) {
                reachable.add(r);
                addresses.add(address.get());
            }
        }
        Map<Long, Long> recent = Map.of();
        if (o.purpose() == Purpose.MARKETING) {
            List<Long> members = reachable.stream().map(Recipient::memberId).toList();
            // counted under the members' cap locks, so a concurrent send's message is committed before it is counted
            store.holdCaps(tx, members);
            recent = store.marketingSince(tx, members, now.minus(CAP_WINDOW));
        }
        List<Long> ids = store.allocate(tx, reachable.size());
        List<MessageStore.NewMessage> rows = new ArrayList<>(reachable.size());
        for (int i = 0; i < reachable.size(); i++) {
            long member = reachable.get(i).memberId();
            MessageStatus status;
            if (recent.getOrDefault(member, 0L) >= capPerWeek) {
                status = MessageStatus.CAPPED;
            } else if (Holdout.heldOut(o.holdoutKey(), member, o.holdoutPercent())) {
                status = MessageStatus.HOLDOUT;
            } else {
                status = channel.sendsLater() ? MessageStatus.QUEUED : MessageStatus.SENT;
            }
            rows.add(new MessageStore.NewMessage(ids.get(i), member, reachable.get(i).entryId(), status));
        }
        // a decision already made for this occasion (a batch retried after it committed) is not made again
        // A broadcast's batch needs no look-up: its members come after the send's cursor, which commits with their
        // messages, so none of them has a decision yet (and the look-up grew with the send: quadratic over 1M).
        Set<Long> decided = o.source() == MessageSource.BROADCAST ? Set.of() : store.decided(tx, o, rows);
        List<Addressed> toSend = new ArrayList<>();
        List<String> toAddress = new ArrayList<>();
        List<MessageStore.NewMessage> kept = new ArrayList<>();
        long heldOut = 0;
        long capped = 0;
        for (int i = 0; i < rows.size(); i++) {
            MessageStore.NewMessage row = rows.get(i);
            if (decided.contains(row.memberId())) {
                continue;
            }
            switch (row.status()) {
                case HOLDOUT -> heldOut++;
                case CAPPED -> capped++;
                default -> {
                    toSend.add(new Addressed(reachable.get(i), row.id(),
                            o.purpose() == Purpose.MARKETING ? links.unsubscribeUrl(row.id()) : null));
                    toAddress.add(addresses.get(i));
                }
            }
            kept.add(row);
        }
        Map<Long, MessageStore.Written> written = new HashMap<>();
        if (!toSend.isEmpty()) {
            List<Rendered> rendered = render(tx, content, toSend, channel.showsText(), now);
            // rendering is plain CPU work on immutable templates: the batch's messages are tracked in parallel
            List<OutgoingMessage> outgoing = IntStream.range(0, toSend.size()).parallel().mapToObj(i -> {
                Addressed a = toSend.get(i);
                Rendered r = rendered.get(i);
                return new OutgoingMessage(a.messageId(), a.recipient().memberId(), toAddress.get(i),
                        a.recipient().locale(), r.subject(), links.tracked(r.html(), a.messageId()), r.text());
            }).toList();
            List<Long> outboxIds = channel.write(tx, outgoing);
            for (int i = 0; i < outgoing.size(); i++) {
                written.put(outgoing.get(i).messageId(), new MessageStore.Written(outboxIds.get(i),
                        channel.sendsLater() ? outgoing.get(i).text() : null, rendered.get(i).couponCode()));
            }
        }
        store.insert(tx, o, kept, written, now, channel.sendsLater() ? now : null);
        return new Tally(toSend.size(), heldOut, capped, recipients.size() - reachable.size());
    }

    /** Each recipient's message: a coupon code issued to each (in one statement), their values, the templates. */
    private List<Rendered> render(Tx tx, Content content, List<Addressed> recipients, boolean withText, Instant now) {
        Map<Long, String> coupons = personalisation.coupons(tx, content.couponCampaignId(), content.couponValidDays(),
                recipients, now);
        List<Map<String, Object>> models = personalisation.models(tx, recipients, coupons, now);
        // parsed templates and the models are not shared mutable state: recipients render in parallel
        return IntStream.range(0, recipients.size()).parallel().mapToObj(i -> {
            MessageTemplates.Rendered r = content.texts().render(recipients.get(i).recipient().locale(), models.get(i),
                    withText);
            return new Rendered(r.subject(), r.html(), r.text(), coupons.get(recipients.get(i).recipient().memberId()));
        }).toList();
    }
}
