package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CouponIssuer;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.MessageTemplates;
import dev.kizuna.messaging.delivery.Outbound;
import dev.kizuna.messaging.delivery.Personalisation;
import dev.kizuna.messaging.report.CampaignReport;
import dev.kizuna.messaging.report.Reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One-off segment mails: created (checked whole, nothing written on a refusal), scheduled or sent now; the
 * {@value BroadcastSendJob#NAME} job sends them. The view carries the send's progress and the report.
 */
public final class Broadcasts {
    private final BroadcastStore store = new BroadcastStore();
    private final Database db;
    private final ShopClock clock;
    private final Audiences audiences;
    private final MessageTemplates templates;
    private final Personalisation personalisation;
    private final Reports reports;
    private final ModulePorts ports;

    public Broadcasts(Database db, ShopClock clock, Audiences audiences, MessageTemplates templates,
                      Personalisation personalisation, Reports reports, ModulePorts ports) {
        this.db = db;
        this.clock = clock;
        this.audiences = audiences;
        this.templates = templates;
        this.personalisation = personalisation;
        this.reports = reports;
        this.ports = ports;
    }

    public record Created(long id) {
    }

    public record BroadcastView(long id, LocalizedText name, Object audience, String channel, Purpose purpose,
                                LocalizedText subject, LocalizedText body, int holdoutPercent, Long couponCampaignId,
                                Instant sendAt, BroadcastStatus status, long total, long visited, Instant startedAt,
                                Instant finishedAt, CampaignReport report, Reports.CouponCost coupons) {
    }

    public Created create(BroadcastRequest r, String actor) {
        Broadcast b = check(r);
        return db.inTransaction(tx -> {
            if (b.couponCampaignId() != null && !ports.find(CouponIssuer.class)
                    .map(c -> c.canIssue(tx, b.couponCampaignId())).orElse(false)) {
                throw new InvalidInput("couponCampaignId", "messaging.coupon-campaign-unusable");
            }
            return new Created(store.insert(tx, b, actor));
        });
    }

    /**
     * Changes a broadcast that has not started sending (a draft or a scheduled one), checked whole as on creation;
     * its send time decides again whether it is a draft or scheduled.
     */
    public BroadcastView update(long id, BroadcastRequest r) {
        Broadcast b = check(r);
        db.execute(tx -> {
            Broadcast stored = store.lock(tx, id).orElseThrow(() -> new NotFound("no broadcast " + id));
            if (stored.status() == BroadcastStatus.SENDING || stored.status() == BroadcastStatus.SENT) {
                throw new Conflict("BROADCAST_ALREADY_SENT", "broadcast " + id + " is already " + stored.status());
            }
            if (b.couponCampaignId() != null && !ports.find(CouponIssuer.class)
                    .map(c -> c.canIssue(tx, b.couponCampaignId())).orElse(false)) {
                throw new InvalidInput("couponCampaignId", "messaging.coupon-campaign-unusable");
            }
            store.update(tx, id, b);
        });
        return view(id);
    }

    /** A stored broadcast as the request that would write it again, for a form that changes it. */
    public BroadcastRequest request(long id) {
        return db.inTransaction(tx -> {
            Broadcast b = store.find(tx, id).orElseThrow(() -> new NotFound("no broadcast " + id));
            return new BroadcastRequest(b.name(), AudienceJson.write(b.audience()), b.channel().key(),
                    b.purpose().name().toLowerCase(Locale.ROOT), b.subject(), b.body(), b.holdoutPercent(),
                    b.couponCampaignId(), b.couponValidDays(), b.conversionDays(), b.sendAt());
        });
    }

    Broadcast check(BroadcastRequest r) {
        if (r == null) {
            throw new InvalidInput("", "required");
        }
        LocalizedText name = LocalizedTexts.required("name", r.name(), 200);
        Audience audience = AudienceJson.read(r.audience(), "audience");
        Instant now = clock.instant();
        audiences.compile(audience, now, "audience");
        Channel channel = r.channel() == null ? Channel.MAIL : Channel.byKey(r.channel())
                .orElseThrow(() -> new InvalidInput("channel", "one-of", "mail, line"));
        Purpose purpose = Purpose.MARKETING;
        if (r.purpose() != null) {
            try {
                purpose = Purpose.valueOf(r.purpose().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("purpose", "one-of", "marketing, transactional");
            }
        }
        MessageTemplates.Texts texts = templates.check("", r.subject(), r.body());
        int holdout = r.holdoutPercent() == null ? 10 : r.holdoutPercent();
        if (holdout < 0 || holdout > 50) {
            throw new InvalidInput("holdoutPercent", "out-of-range", 0, 50);
        }
        int validDays = r.couponValidDays() == null ? 30 : r.couponValidDays();
        if (validDays < 1 || validDays > 365) {
            throw new InvalidInput("couponValidDays", "out-of-range", 1, 365);
        }
        int conversionDays = r.conversionDays() == null ? 7 : r.conversionDays();
        if (conversionDays < 1 || conversionDays > 90) {
            throw new InvalidInput("conversionDays", "out-of-range", 1, 90);
        }
        if (r.sendAt() != null && r.sendAt().isBefore(now.minusSeconds(60))) {
            throw new InvalidInput("sendAt", "messaging.send-at-past");
        }
        return new Broadcast(0, name, audience, channel, purpose, texts.subject(), texts.body(), holdout, r.couponCampaignId(),
                validDays, conversionDays, r.sendAt(), r.sendAt() == null ? BroadcastStatus.DRAFT : BroadcastStatus.SCHEDULED,
                0, 0, 0, null, null, now);
    }

    public record Preview(String subject, String html, String text) {
    }

    /**
     * The broadcast as one real customer would get it (their name, rank, points; a sample coupon code, since none is
     * issued for a preview), in their language; nothing is written.
     */
    public Preview preview(long id, String customerRef) {
        return db.inTransaction(tx -> {
            Broadcast b = store.find(tx, id).orElseThrow(() -> new NotFound("no broadcast " + id));
            Outbound.Recipient r = tx.sql().one("SELECT id, customer_ref, locale FROM member WHERE customer_ref = ?",
                    rs -> new Outbound.Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)), customerRef)
                    .orElseThrow(() -> new NotFound("no customer " + customerRef));
            Outbound.Addressed a = new Outbound.Addressed(r, 0, b.purpose() == Purpose.MARKETING
                    ? String.valueOf(Personalisation.SAMPLE.get("unsubscribeUrl")) : null);
            Map<String, Object> model = new java.util.HashMap<>(personalisation.models(tx, List.of(a), Map.of(),
                    clock.instant()).get(0));
            if (b.couponCampaignId() != null) {
                model.put("couponCode", Personalisation.SAMPLE.get("couponCode"));
            }
            MessageTemplates.Rendered rendered = templates.compile("preview-" + id, b.subject(), b.body(), "")
                    .render(r.locale(), model);
            return new Preview(rendered.subject(), rendered.html(), rendered.text());
        });
    }

    /** Sends now (or at the time already set, if later): the send job picks it up. */
    public BroadcastView send(long id) {
        db.execute(tx -> {
            Broadcast b = store.lock(tx, id).orElseThrow(() -> new NotFound("no broadcast " + id));
            if (b.status() == BroadcastStatus.SENDING || b.status() == BroadcastStatus.SENT) {
                throw new Conflict("BROADCAST_ALREADY_SENT", "broadcast " + id + " is already " + b.status());
            }
            Instant now = clock.instant();
            store.status(tx, id, BroadcastStatus.SCHEDULED, b.sendAt() != null && b.sendAt().isAfter(now) ? null : now);
        });
        return view(id);
    }

    public BroadcastView view(long id) {
        return db.inTransaction(tx -> view(tx, store.find(tx, id).orElseThrow(() -> new NotFound("no broadcast " + id))));
    }

    public List<BroadcastView> list() {
        return db.inTransaction(tx -> {
            List<BroadcastView> out = new ArrayList<>();
            for (Broadcast b : store.all(tx, 200)) {
                out.add(view(tx, b));
            }
            return out;
        });
    }

    private BroadcastView view(Tx tx, Broadcast b) {
        return new BroadcastView(b.id(), b.name(), AudienceJson.write(b.audience()), b.channel().key(), b.purpose(),
                b.subject(), b.body(), b.holdoutPercent(), b.couponCampaignId(), b.sendAt(), b.status(), b.total(),
                b.visited(), b.startedAt(), b.finishedAt(),
                reports.report(tx, MessageSource.BROADCAST, b.id(), null, b.conversionDays()),
                reports.couponCost(tx, MessageSource.BROADCAST, b.id(), null));
    }

    /** What a broadcast's messages say: its templates, parsed once per send, and its coupon campaign. */
    Outbound.Content content(Broadcast b) {
        return new Outbound.Content(templates.compile("broadcast-" + b.id(), b.subject(), b.body(), ""),
                b.couponCampaignId(), b.couponValidDays());
    }

    BroadcastStore store() {
        return store;
    }

    Audiences audiences() {
        return audiences;
    }
}
