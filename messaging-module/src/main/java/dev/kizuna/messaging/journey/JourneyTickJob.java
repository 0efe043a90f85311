package dev.kizuna.messaging.journey;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.PointsFacts;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.ports.SegmentConditions;
import dev.kizuna.core.ports.SqlCondition;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.delivery.Holdout;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.Outbound;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code journey-tick} (every 5 minutes): enters the customers the looked-for triggers name (points expiring within
 * the journey's days, P(alive) fallen below its threshold, birthday month, rank up), then sends every step that is
 * due: customers who ordered since entering leave a journey that ends on an order, those who no longer meet a
 * step's condition skip it, the rest go through {@link Outbound} (consent, cap, holdout). Marketing steps wait out
 * the quiet hours. Entries are claimed with {@code SKIP LOCKED} and each batch commits with its messages.
 */
public final class JourneyTickJob implements KizunaJob {
    public static final String NAME = "journey-tick";
    /** Upgrades older than this are not congratulated any more (a journey created today greets last week's). */
    static final java.time.Duration RANK_UP_LOOKBACK = java.time.Duration.ofDays(7);

    private final Database db;
    private final Journeys journeys;
    private final Outbound outbound;
    private final ModulePorts ports;
    private final ShopClock clock;
    private final ZoneId zone;
    private final int batchSize;

    public JourneyTickJob(Database db, Journeys journeys, Outbound outbound, ModulePorts ports, ShopClock clock,
                          ZoneId zone, int batchSize) {
        this.db = db;
        this.journeys = journeys;
        this.outbound = outbound;
        this.ports = ports;
        this.clock = clock;
        this.zone = zone;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Enters customers into journeys and sends the steps that are due";
    }

    @Override
    public String defaultSchedule() {
        return "0 0/5 * * * ?";
    }

    @Override
    public void run(JobContext ctx) {
        Instant now = clock.instant();
        long entered = enterLookedFor(now);
        Outbound.Tally tally = Outbound.Tally.NONE;
        long exited = 0;
        Map<String, Outbound.Content> compiled = new HashMap<>();
        Set<Long> waiting = new HashSet<>();
        while (!ctx.stopRequested()) {
            long[] ended = {0};
            Outbound.Tally batch = db.inTransaction(tx -> {
                List<JourneyStore.Due> due = new ArrayList<>(journeys.store().due(tx, clock.instant(), batchSize));
                due.removeIf(d -> waiting.contains(d.entryId()));
                if (due.isEmpty()) {
                    return null;
                }
                // the batch's steps decide group by group: their members' cap locks are taken first, in one order
                outbound.holdCaps(tx, due.stream().map(d -> d.recipient().memberId()).toList());
                Map<Long, Journey> byId = new HashMap<>();
                Outbound.Tally t = Outbound.Tally.NONE;
                Map<String, List<JourneyStore.Due>> groups = new LinkedHashMap<>();
                for (JourneyStore.Due d : due) {
                    groups.computeIfAbsent(d.journeyId() + ":" + d.step(), k -> new ArrayList<>()).add(d);
                }
                for (List<JourneyStore.Due> group : groups.values()) {
                    Journey j = byId.computeIfAbsent(group.get(0).journeyId(),
                            id -> journeys.store().find(tx, id).orElseThrow());
                    ended[0] += step(tx, j, group, compiled, waiting);
                    t = t.plus(sendStep(tx, j, group, compiled));
                }
                return t;
            });
            if (batch == null) {
                break;
            }
            tally = tally.plus(batch);
            exited += ended[0];
        }
        ctx.outcome("entered " + entered + ", sent " + tally.sent() + ", held out " + tally.heldOut() + ", capped "
                + tally.capped() + ", left on an order " + exited, "job.journey-tick.outcome", entered, tally.sent(),
                tally.heldOut(), tally.capped(), exited);
    }

    /** Ends the entries of customers who ordered; keeps marketing steps in the quiet hours waiting. */
    private long step(Tx tx, Journey j, List<JourneyStore.Due> group, Map<String, Outbound.Content> compiled,
                      Set<Long> waiting) {
        long exited = 0;
        if (j.exitOnOrder()) {
            List<Long> ordered = journeys.store().ordered(tx, group.stream().map(JourneyStore.Due::entryId).toList());
            if (!ordered.isEmpty()) {
                journeys.store().end(tx, ordered, EntryStatus.EXITED, clock.instant());
                Set<Long> gone = new HashSet<>(ordered);
                group.removeIf(d -> gone.contains(d.entryId()));
                exited = ordered.size();
            }
        }
        if (outbound.waits(j.purpose(), clock.instant())) {
            group.forEach(d -> waiting.add(d.entryId()));
            group.clear();
        }
        return exited;
    }

    private Outbound.Tally sendStep(Tx tx, Journey j, List<JourneyStore.Due> group,
                                    Map<String, Outbound.Content> compiled) {
        if (group.isEmpty()) {
            return Outbound.Tally.NONE;
        }
        int stepNo = group.get(0).step();
        Instant now = clock.instant();
        List<JourneyStore.Due> sending = new ArrayList<>(group);
        if (stepNo < j.steps().size()) {
            JourneyStep step = j.steps().get(stepNo);
            if (step.condition() != null) {
                Set<Long> meet = meeting(tx, step.condition(), sending.stream().map(d -> d.recipient().memberId()).toList(), now);
                sending.removeIf(d -> !meet.contains(d.recipient().memberId()));
            }
        }
        Outbound.Tally t = Outbound.Tally.NONE;
        if (stepNo < j.steps().size() && !sending.isEmpty()) {
            JourneyStep step = j.steps().get(stepNo);
            Outbound.Content content = compiled.computeIfAbsent(j.id() + ":" + stepNo, k -> new Outbound.Content(
                    journeys.templates().compile("journey-" + j.id() + "-" + stepNo, step.subject(), step.body(), "")));
            Outbound.Occasion occasion = new Outbound.Occasion(MessageSource.JOURNEY, j.id(), stepNo, j.channel(),
                    j.purpose(), j.holdoutPercent());
            t = outbound.send(tx, occasion, sending.stream().map(JourneyStore.Due::recipient).toList(), content, now);
        }
        List<Long> done = new ArrayList<>();
        for (JourneyStore.Due d : group) {
            int next = d.step() + 1;
            if (next >= j.steps().size()) {
                done.add(d.entryId());
            } else {
                // the next wait counts from when this step was due, so a late tick does not stretch the journey
                journeys.store().advance(tx, d.entryId(), next, d.nextAt().plus(j.steps().get(next).after()));
            }
        }
        if (!done.isEmpty()) {
            journeys.store().end(tx, done, EntryStatus.DONE, now);
        }
        return t;
    }

    private Set<Long> meeting(Tx tx, Audience condition, List<Long> members, Instant now) {
        SqlCondition c = journeys.audiences().compile(condition, now, "condition");
        List<Object> args = new ArrayList<>(c.args());
        args.add(tx.sql().longArray(members.toArray(Long[]::new)));
        return new HashSet<>(tx.sql().list("SELECT m.id FROM member m WHERE (" + c.sql() + ") AND m.id = ANY(?)",
                rs -> rs.getLong(1), args.toArray()));
    }

    /** Enters the customers of the triggers this job looks for; returns how many entered. */
    long enterLookedFor(Instant now) {
        long entered = 0;
        Optional<PointsFacts> points = ports.find(PointsFacts.class);
        if (points.isPresent()) {
            for (Journey j : db.inTransaction(tx -> journeys.store().active(tx, JourneyTrigger.POINTS_EXPIRING))) {
                SqlCondition c = points.get().expiringWithin(j.triggerValue().intValue(), now);
                entered += enterAll(j, c, now, (tx, ids) -> {
                    Map<Long, PointsFacts.MemberPoints> p = points.get().points(tx, ids, now);
                    // one entry per expiry date: the reminder of the same points is sent once
                    return ids.stream().map(id -> "expiry:" + Optional.ofNullable(p.get(id))
                            .map(PointsFacts.MemberPoints::expiringOn).map(Object::toString).orElse("none")).toList();
                });
            }
        }
        Optional<SegmentConditions> segments = ports.find(SegmentConditions.class);
        if (segments.isPresent()) {
            for (Journey j : db.inTransaction(tx -> journeys.store().active(tx, JourneyTrigger.WIN_BACK))) {
                String month = YearMonth.from(now.atZone(zone)).toString();
                entered += enterAll(j, segments.get().pAlive(true, j.triggerValue()), now,
                        (tx, ids) -> ids.stream().map(id -> "win-back:" + month).toList());
            }
        }
        for (Journey j : db.inTransaction(tx -> journeys.store().active(tx, JourneyTrigger.BIRTHDAY_MONTH))) {
            int month = now.atZone(zone).getMonthValue();
            String year = Integer.toString(now.atZone(zone).getYear());
            entered += enterAll(j, journeys.audiences().compile(new Audience.BirthdayMonth(month), now, "trigger"), now,
                    (tx, ids) -> ids.stream().map(id -> "birthday:" + year).toList());
        }
        Optional<RankFacts> ranks = ports.find(RankFacts.class);
        if (ranks.isPresent()) {
            if (!db.inTransaction(tx -> journeys.store().active(tx, JourneyTrigger.RANK_UP)).isEmpty()) {
                entered += db.inTransaction(tx -> {
                    int n = 0;
                    for (RankFacts.Upgrade u : ranks.get().upgradesSince(tx, now.minus(RANK_UP_LOOKBACK))) {
                        n += journeys.enter(tx, JourneyTrigger.RANK_UP, u.memberId(), "rank-up:" + u.id(), u.at());
                    }
                    return n;
                });
            }
            for (Journey j : db.inTransaction(tx -> journeys.store().active(tx, JourneyTrigger.RANK_AT_RISK))) {
                String month = YearMonth.from(now.atZone(zone)).toString();
                entered += enterAll(j, ranks.get().atRisk(now), now,
                        (tx, ids) -> ids.stream().map(id -> "rank-at-risk:" + month).toList());
            }
        }
        return entered;
    }

    @FunctionalInterface
    private interface Occasions {
        List<String> of(Tx tx, List<Long> memberIds);
    }

    private long enterAll(Journey j, SqlCondition c, Instant now, Occasions occasions) {
        long entered = 0;
        long after = 0;
        while (true) {
            long from = after;
            long[] result = db.inTransaction(tx -> {
                List<Long> ids = journeys.store().candidates(tx, j, c.sql(), c.args(), from, batchSize);
                if (ids.isEmpty()) {
                    return null;
                }
                List<Boolean> holdouts = ids.stream().map(id -> Holdout.heldOut(j.holdoutKey(), id, j.holdoutPercent())).toList();
                int n = journeys.store().enter(tx, j, ids, occasions.of(tx, ids), holdouts, now);
                return new long[]{ids.get(ids.size() - 1), n};
            });
            if (result == null) {
                return entered;
            }
            after = result[0];
            entered += result[1];
        }
    }
}
