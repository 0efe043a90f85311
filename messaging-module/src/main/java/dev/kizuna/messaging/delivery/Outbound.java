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
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** Decides for these recipients and writes their messages, in the caller's transaction (a journey's step). */
    public Tally send(Tx tx, Occasion o, List<Recipient> recipients, Content content, Instant now) {
        return write(tx, prepare(tx, o, recipients, content, now, true), now);
    }

    /**
     * A batch decided as far as it can be before the transaction that writes it: the reachable recipients with
     * their message ids, who is held out, and everyone else's message rendered, tracked and prepared on the channel
     * (sealed). What depends on other senders, the frequency cap and a decision already made, {@link #write}
     * decides under the members' cap locks; a message it does not send is dropped unwritten, its coupon code unstored.
     */
    public static final class Batch {
        private final Occasion occasion;
        private final Content content;
        private final int recipients;
        private final List<MessageStore.NewMessage> rows;
        private final List<Recipient> reachable;
        /** Per row, the position of its message among the rendered ones; -1 for a member held out. */
        private final int[] rendered;
        /**
         * Of each rendered message only what the message row keeps (its text for a channel that sends later, its
         * coupon code): the rendered mails themselves live on sealed in {@code prepared}, so a batch waiting to be
         * written holds little.
         */
        private final String[] texts;
        private final String[] couponCodes;
        private final MessageChannel.Prepared prepared;

        private Batch(Occasion occasion, Content content, int recipients, List<MessageStore.NewMessage> rows,
                      List<Recipient> reachable, int[] rendered, String[] texts, String[] couponCodes,
                      MessageChannel.Prepared prepared) {
            this.occasion = occasion;
            this.content = content;
            this.recipients = recipients;
            this.rows = rows;
            this.reachable = reachable;
            this.rendered = rendered;
            this.texts = texts;
            this.couponCodes = couponCodes;
            this.prepared = prepared;
        }
    }

    /**
     * Prepares a page of an audience ({@link dev.kizuna.messaging.audience.Audiences#page}) for {@link #write}, on a
     * transaction of its own that writes nothing but id allocations. The page's query already kept to members who
     * are not suppressed and, for marketing, opted in, so they are not looked up again.
     */
    public Batch prepare(Tx tx, Occasion o, List<Recipient> page, Content content, Instant now) {
        return prepare(tx, o, page, content, now, false);
    }

    private Batch prepare(Tx tx, Occasion o, List<Recipient> recipients, Content content, Instant now,
                          boolean checkConsent) {
        MessageChannel channel = channels.get(o.channel());
        if (recipients.isEmpty()) {
            return new Batch(o, content, 0, List.of(), List.of(), new int[0], new String[0], new String[0],
                    channel.prepare(tx, List.of()));
        }
        Set<Long> allowed = checkConsent ? consents.reachable(tx, recipients.stream().map(Recipient::memberId).toList(),
                o.channel(), o.purpose()) : null;
        List<Recipient> reachable = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (Recipient r : recipients) {
            Optional<String> address = allowed == null || allowed.contains(r.memberId())
                    ? channel.address(r.customerRef()) : Optional.empty();
            if (address.isPresent()) {
                reachable.add(r);
                addresses.add(address.get());
            }
        }
        List<Long> ids = reachable.isEmpty() ? List.of() : store.allocate(tx, reachable.size());
        MessageStatus sent = channel.sendsLater() ? MessageStatus.QUEUED : MessageStatus.SENT;
        List<MessageStore.NewMessage> rows = new ArrayList<>(reachable.size());
        int[] rendered = new int[reachable.size()];
        List<Addressed> toSend = new ArrayList<>();
        List<String> toAddress = new ArrayList<>();
        for (int i = 0; i < reachable.size(); i++) {
            long member = reachable.get(i).memberId();
            boolean heldOut = Holdout.heldOut(o.holdoutKey(), member, o.holdoutPercent());
            rows.add(new MessageStore.NewMessage(ids.get(i), member, reachable.get(i).entryId(),
                    heldOut ? MessageStatus.HOLDOUT : sent));
            rendered[i] = heldOut ? -1 : toSend.size();
            if (!heldOut) {
                toSend.add(new Addressed(reachable.get(i), ids.get(i),
                        o.purpose() == Purpose.MARKETING ? links.unsubscribeUrl(ids.get(i)) : null));
                toAddress.add(addresses.get(i));
            }
        }
        List<Rendered> texts = toSend.isEmpty() ? List.of() : render(tx, content, toSend, channel.showsText(), now);
        // rendering is plain CPU work on immutable templates: the batch's messages are tracked in parallel
        List<OutgoingMessage> outgoing = IntStream.range(0, toSend.size()).parallel().mapToObj(i -> {
            Addressed a = toSend.get(i);
            Rendered r = texts.get(i);
            return new OutgoingMessage(a.messageId(), a.recipient().memberId(), toAddress.get(i),
                    a.recipient().locale(), r.subject(), links.tracked(r.html(), a.messageId()), r.text());
        }).toList();
        String[] kept = new String[outgoing.size()];
        if (channel.sendsLater()) {
            for (int i = 0; i < kept.length; i++) {
                kept[i] = outgoing.get(i).text();
            }
        }
        return new Batch(o, content, recipients.size(), rows, reachable, rendered, kept,
                texts.stream().map(Rendered::couponCode).toArray(String[]::new), channel.prepare(tx, outgoing));
    }

    /**
     * Decides and writes a prepared batch in the caller's transaction. For each reachable customer, in this order:
     * within the frequency cap (else CAPPED, counted under the members' cap locks), in the holdout (HOLDOUT), else
     * sent: its coupon code stored, its message written to the channel. A customer with a decision for the
     * occasion already (a journey's batch retried after it committed) is left as decided.
     */
    public Tally write(Tx tx, Batch b, Instant now) {
        Occasion o = b.occasion;
        MessageChannel channel = channels.get(o.channel());
        int unreachable = b.recipients - b.reachable.size();
        if (b.rows.isEmpty()) {
            return new Tally(0, 0, 0, unreachable);
        }
        Map<Long, Long> recent = Map.of();
        if (o.purpose() == Purpose.MARKETING) {
            List<Long> members = b.reachable.stream().map(Recipient::memberId).toList();
            // counted under the members' cap locks, so a concurrent send's message is committed before it is counted
            store.holdCaps(tx, members);
            recent = store.marketingSince(tx, members, now.minus(CAP_WINDOW));
        }
        List<MessageStore.NewMessage> rows = new ArrayList<>(b.rows.size());
        for (MessageStore.NewMessage row : b.rows) {
            rows.add(recent.getOrDefault(row.memberId(), 0L) >= capPerWeek
                    ? new MessageStore.NewMessage(row.id(), row.memberId(), row.entryId(), MessageStatus.CAPPED) : row);
        }
        // a decision already made for this occasion (a batch retried after it committed) is not made again
        // A broadcast's batch needs no look-up: its members come after the send's cursor, which commits with their
        // messages, so none of them has a decision yet (and the look-up grew with the send: quadratic over 1M).
        Set<Long> decided = o.source() == MessageSource.BROADCAST ? Set.of() : store.decided(tx, o, rows);
        BitSet sending = new BitSet(b.texts.length);
        List<MessageStore.NewMessage> kept = new ArrayList<>();
        Map<Long, String> coupons = new LinkedHashMap<>();
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
                    sending.set(b.rendered[i]);
                    String code = b.couponCodes[b.rendered[i]];
                    if (code != null) {
                        coupons.put(row.memberId(), code);
                    }
                }
            }
            kept.add(row);
        }
        Map<Long, MessageStore.Written> written = new HashMap<>();
        if (!sending.isEmpty()) {
            personalisation.storeCoupons(tx, b.content.couponCampaignId(), b.content.couponValidDays(), coupons, now);
            List<Long> outboxIds = channel.write(tx, b.prepared.only(sending));
            int j = 0;
            for (int i = 0; i < rows.size(); i++) {
                int at = b.rendered[i];
                if (at >= 0 && sending.get(at)) {
                    written.put(rows.get(i).id(), new MessageStore.Written(outboxIds.get(j++), b.texts[at],
                            b.couponCodes[at]));
                }
            }
        }
        if (o.source() == MessageSource.BROADCAST) {
            store.copy(tx, o, kept, written, now, channel.sendsLater() ? now : null);
        } else {
            store.insert(tx, o, kept, written, now, channel.sendsLater() ? now : null);
        }
        return new Tally(sending.cardinality(), heldOut, capped, unreachable);
    }

    /** Each recipient's message: a coupon code drawn for each, their values, the templates. */
    private List<Rendered> render(Tx tx, Content content, List<Addressed> recipients, boolean withText, Instant now) {
        Map<Long, String> coupons = personalisation.coupons(tx, content.couponCampaignId(), recipients);
        List<Map<String, Object>> models = personalisation.models(tx, recipients, coupons, now);
        // parsed templates and the models are not shared mutable state: recipients render in parallel
        return IntStream.range(0, recipients.size()).parallel().mapToObj(i -> {
            MessageTemplates.Rendered r = content.texts().render(recipients.get(i).recipient().locale(), models.get(i),
                    withText);
            return new Rendered(r.subject(), r.html(), r.text(), coupons.get(recipients.get(i).recipient().memberId()));
        }).toList();
    }
}
