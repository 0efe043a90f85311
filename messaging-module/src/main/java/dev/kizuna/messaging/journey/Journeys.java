package dev.kizuna.messaging.journey;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.Holdout;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.MessageTemplates;
import dev.kizuna.messaging.report.CampaignReport;
import dev.kizuna.messaging.report.Reports;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Journeys (step mails): defined and edited through the API and console, entered on the host's events here (in the
 * event's transaction, the event's id as the occasion, so a retried event enters no one twice) and by the
 * {@value JourneyTickJob#NAME} job for the triggers it looks for. The shipped journeys are written at start, once.
 */
public final class Journeys {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    static final int MAX_STEPS = 10;

    private final JourneyStore store = new JourneyStore();
    private final Database db;
    private final ShopClock clock;
    private final Audiences audiences;
    private final MessageTemplates templates;
    private final Reports reports;

    public Journeys(Database db, ShopClock clock, Audiences audiences, MessageTemplates templates, Reports reports) {
        this.db = db;
        this.clock = clock;
        this.audiences = audiences;
        this.templates = templates;
        this.reports = reports;
    }

    public record Created(long id) {
    }

    public record StepView(int step, String after, LocalizedText subject, LocalizedText body, Object condition,
                           CampaignReport report) {
        /** The wait before the step, for the console's words ("1 時間"). */
        public Duration delay() {
            return Duration.parse(after);
        }
    }

    public record JourneyView(long id, String key, LocalizedText name, JourneyTrigger trigger, Double triggerValue,
                              String channel, Purpose purpose, boolean exitOnOrder, int holdoutPercent,
                              int conversionDays, boolean active, long inJourney, long completed, long exited,
                              List<StepView> steps, CampaignReport report) {
    }

    /** Writes the shipped journeys that are not there yet (a merchant's edits stay). */
    public void install(List<Journey> shipped) {
        db.execute(tx -> shipped.forEach(j -> store.save(tx, j, false, clock.instant())));
    }

    public Created create(JourneyRequest r) {
        Journey j = check(r, 0);
        return db.inTransaction(tx -> {
            if (store.keyTaken(tx, j.key())) {
                throw new InvalidInput("key", "messaging.journey.key-taken", j.key());
            }
            return new Created(store.save(tx, j, false, clock.instant()));
        });
    }

    public JourneyView update(long id, JourneyRequest r) {
        db.execute(tx -> {
            Journey old = store.find(tx, id).orElseThrow(() -> new NotFound("no journey " + id));
            Journey j = check(r, id);
            if (!j.key().equals(old.key())) {
                throw new Conflict("JOURNEY_KEY_FIXED", "a journey's key does not change");
            }
            store.save(tx, j, true, clock.instant());
        });
        return view(id);
    }

    Journey check(JourneyRequest r, long id) {
        if (r == null) {
            throw new InvalidInput("", "required");
        }
        if (r.key() == null || !KEY.matcher(r.key()).matches()) {
            throw new InvalidInput("key", "messaging.journey.key");
        }
        LocalizedText name = LocalizedTexts.required("name", r.name(), 200);
        JourneyTrigger trigger;
        try {
            trigger = JourneyTrigger.valueOf(String.valueOf(r.trigger()).trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("trigger", "messaging.journey.trigger");
        }
        if ((trigger == JourneyTrigger.POINTS_EXPIRING || trigger == JourneyTrigger.WIN_BACK) && r.triggerValue() == null) {
            throw new InvalidInput("triggerValue", "required");
        }
        if (trigger == JourneyTrigger.POINTS_EXPIRING && (r.triggerValue() < 1 || r.triggerValue() > 366)) {
            throw new InvalidInput("triggerValue", "out-of-range", 1, 366);
        }
        if (trigger == JourneyTrigger.WIN_BACK && (r.triggerValue() <= 0 || r.triggerValue() >= 1)) {
            throw new InvalidInput("triggerValue", "out-of-range", 0, 1);
        }
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
        if (r.steps() == null || r.steps().isEmpty()) {
            throw new InvalidInput("steps", "required");
        }
        if (r.steps().size() > MAX_STEPS) {
            throw new InvalidInput("steps", "messaging.journey.too-many-steps", MAX_STEPS);
        }
        List<JourneyStep> steps = new ArrayList<>();
        for (int i = 0; i < r.steps().size(); i++) {
            JourneyRequest.Step s = r.steps().get(i);
            String at = "steps[" + i + "].";
            if (s == null) {
                throw new InvalidInput("steps[" + i + "]", "required");
            }
            Duration after;
            try {
                after = s.after() == null ? Duration.ZERO : Duration.parse(s.after());
            } catch (DateTimeParseException e) {
                throw new InvalidInput(at + "after", "messaging.journey.wait");
            }
            if (after.isNegative() || after.compareTo(Duration.ofDays(366)) > 0) {
                throw new InvalidInput(at + "after", "messaging.journey.wait");
            }
            MessageTemplates.Texts texts = templates.check(at, s.subject(), s.body());
            Audience condition = s.condition() == null || s.condition().isNull() ? null
                    : AudienceJson.read(s.condition(), at + "condition");
            if (condition != null) {
                audiences.compile(condition, clock.instant(), at + "condition");
            }
            steps.add(new JourneyStep(after, texts.subject(), texts.body(), condition));
        }
        int holdout = r.holdoutPercent() == null ? 10 : r.holdoutPercent();
        if (holdout < 0 || holdout > 50) {
            throw new InvalidInput("holdoutPercent", "out-of-range", 0, 50);
        }
        int conversionDays = r.conversionDays() == null ? 7 : r.conversionDays();
        if (conversionDays < 1 || conversionDays > 90) {
            throw new InvalidInput("conversionDays", "out-of-range", 1, 90);
        }
        return new Journey(id, r.key(), name, trigger, r.triggerValue(), channel, purpose, steps,
                r.exitOnOrder() == null || r.exitOnOrder(), holdout, conversionDays, r.active() == null || r.active());
    }

    public List<JourneyView> list() {
        return db.inTransaction(tx -> store.all(tx).stream().map(j -> view(tx, j)).toList());
    }

    public JourneyView view(long id) {
        return db.inTransaction(tx -> view(tx, store.find(tx, id).orElseThrow(() -> new NotFound("no journey " + id))));
    }

    private JourneyView view(Tx tx, Journey j) {
        List<StepView> steps = new ArrayList<>();
        for (int i = 0; i < j.steps().size(); i++) {
            JourneyStep s = j.steps().get(i);
            steps.add(new StepView(i, s.after().toString(), s.subject(), s.body(),
                    s.condition() == null ? null : AudienceJson.write(s.condition()),
                    reports.report(tx, MessageSource.JOURNEY, j.id(), i, j.conversionDays())));
        }
        JourneyStore.EntryCounts c = store.entries(tx, j.id());
        return new JourneyView(j.id(), j.key(), j.name(), j.trigger(), j.triggerValue(), j.channel().key(), j.purpose(),
                j.exitOnOrder(), j.holdoutPercent(), j.conversionDays(), j.active(), c.active(), c.done(), c.exited(),
                steps, reports.report(tx, MessageSource.JOURNEY, j.id(), null, j.conversionDays()));
    }

    /** Enters one member into every active journey of the trigger, on this occasion. */
    int enter(Tx tx, JourneyTrigger trigger, long memberId, String occasion, Instant at) {
        int n = 0;
        for (Journey j : store.active(tx, trigger)) {
            n += store.enter(tx, j, List.of(memberId), List.of(occasion),
                    List.of(Holdout.heldOut(j.holdoutKey(), memberId, j.holdoutPercent())), at);
        }
        return n;
    }

    public void onRegistered(CustomerRegistered e, Tx tx) {
        enter(tx, JourneyTrigger.REGISTERED, Members.ensure(tx, e.customerId()), "registered", e.occurredAt());
    }

    public void onCartAbandoned(CartAbandoned e, Tx tx) {
        enter(tx, JourneyTrigger.CART_ABANDONED, Members.ensure(tx, e.customerId()), "cart:" + e.eventId(), e.occurredAt());
    }

    /**
     * Orders end the journeys that end on an order and enter first buyers. Handled as a batch (the intake's
     * set-based run of orders stays one): the members' journeys are ended in one statement.
     */
    public void onOrdersSubmitted(List<OrderSubmitted> orders, Tx tx) {
        if (!store.anyExitOnOrder(tx) && store.active(tx, JourneyTrigger.FIRST_ORDER).isEmpty()) {
            return;
        }
        for (OrderSubmitted e : orders) {
            long member = Members.ensure(tx, e.customerId());
            store.exitOnOrder(tx, member, e.occurredAt());
            long count = tx.sql().number("SELECT count(*) FROM order_summary WHERE member_id = ?", member);
            if (count == 1) {
                enter(tx, JourneyTrigger.FIRST_ORDER, member, "first-order", e.occurredAt());
            }
        }
    }

    public void onOrderDelivered(OrderDelivered e, Tx tx) {
        tx.sql().one("SELECT member_id FROM order_summary WHERE order_ref = ?", rs -> rs.getLong(1), e.orderId())
                .ifPresent(member -> enter(tx, JourneyTrigger.ORDER_DELIVERED, member, "delivered:" + e.orderId(),
                        e.occurredAt()));
    }

    JourneyStore store() {
        return store;
    }

    Audiences audiences() {
        return audiences;
    }

    MessageTemplates templates() {
        return templates;
    }
}
