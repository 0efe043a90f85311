package dev.kizuna.messaging.audience;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.PointsFacts;
import dev.kizuna.core.ports.ProfileConditions;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.ports.SegmentConditions;
import dev.kizuna.core.ports.SqlCondition;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Consents;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.Outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Audiences compiled to one SQL condition over the member alias {@code m}: each criterion is written by the feature
 * that owns its data (ranks, points, segments, profile answers, through their ports) or over the kernel's mirror
 * (birthdays, orders). A criterion whose feature is not installed is refused naming its field. Counting and paging
 * add the channel's consent and suppression, so what the console counts is who a send would reach.
 */
public final class Audiences {
    private final ModulePorts ports;
    private final SealedMembers members;

    public Audiences(ModulePorts ports, SealedMembers members) {
        this.ports = ports;
        this.members = members;
    }

    public SqlCondition compile(Audience a, Instant now, String field) {
        if (a instanceof Audience.Everyone) {
            return SqlCondition.of("TRUE");
        } else if (a instanceof Audience.AllOf all) {
            return join(all.parts(), " AND ", now, field + ".and");
        } else if (a instanceof Audience.AnyOf any) {
            return join(any.parts(), " OR ", now, field + ".or");
        } else if (a instanceof Audience.Not not) {
            SqlCondition c = compile(not.part(), now, field + ".not");
            return new SqlCondition("NOT (" + c.sql() + ")", c.args());
        } else if (a instanceof Audience.Segment s) {
            return port(SegmentConditions.class, field + ".segment").inSegment(s.key(), now)
                    .orElseThrow(() -> new InvalidInput(field + ".segment", "messaging.audience.unknown-segment", s.key()));
        } else if (a instanceof Audience.LtvDecile d) {
            return port(SegmentConditions.class, field + ".ltvDecile").ltvDecile(d.from(), d.to());
        } else if (a instanceof Audience.PAlive p) {
            return port(SegmentConditions.class, field + ".pAlive").pAlive(p.below(), p.p());
        } else if (a instanceof Audience.RankAtLeast r) {
            return port(RankFacts.class, field + ".rank").rankAtLeast(r.code());
        } else if (a instanceof Audience.ProfileAnswer p) {
            return port(ProfileConditions.class, field + ".profile").answered(p.question(), p.answer());
        } else if (a instanceof Audience.PointsAtLeast p) {
            return port(PointsFacts.class, field + ".pointsBalance").balanceAtLeast(p.points());
        } else if (a instanceof Audience.PointsExpiringWithin p) {
            return port(PointsFacts.class, field + ".pointsExpiringWithinDays").expiringWithin(p.days(), now);
        } else if (a instanceof Audience.BirthdayMonth b) {
            Month month = Month.of(b.month());
            List<String> days = new ArrayList<>();
            for (int d = 1; d <= month.maxLength(); d++) {
                days.add(members.birthdayIndex(MonthDay.of(month, d)));
            }
            return SqlCondition.of("m.birthday_index = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(?::text[]) h))",
                    "{" + String.join(",", days) + "}");
        } else if (a instanceof Audience.LastOrderOlderThan l) {
            return SqlCondition.of("""
                    EXISTS (SELECT 1 FROM order_summary o WHERE o.member_id = m.id)
                    AND NOT EXISTS (SELECT 1 FROM order_summary o WHERE o.member_id = m.id AND o.submitted_at > ?
                                    AND o.status <> 'CANCELLED')""", now.minus(Duration.ofDays(l.days())));
        }
        throw new IllegalArgumentException("unknown audience " + a);
    }

    private SqlCondition join(List<Audience> parts, String op, Instant now, String field) {
        List<SqlCondition> cs = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            cs.add(compile(parts.get(i), now, field + "[" + i + "]"));
        }
        List<Object> args = new ArrayList<>();
        cs.forEach(c -> args.addAll(c.args()));
        return new SqlCondition(cs.stream().map(c -> "(" + c.sql() + ")").collect(Collectors.joining(op)), args);
    }

    private <T> T port(Class<T> type, String field) {
        return ports.find(type).orElseThrow(() -> new InvalidInput(field, "messaging.audience.unavailable"));
    }

    /** The members after member {@code after} of the audience a message of {@code purpose} on {@code channel} may reach. */
    private SqlCondition reachable(Audience a, Channel channel, Purpose purpose, Instant now, long after) {
        SqlCondition c = compile(a, now, "audience");
        List<Object> args = new ArrayList<>(c.args());
        StringBuilder sql = new StringBuilder("m.erased_at IS NULL AND (" + c.sql() + ") AND NOT " + Consents.SUPPRESSED);
        args.add(channel.name());
        args.add(after);
        if (purpose == Purpose.MARKETING) {
            sql.append(" AND ").append(Consents.MAY_RECEIVE);
            args.add(channel.name());
            args.add(after);
        }
        sql.append(" AND m.id > ?");
        args.add(after);
        return new SqlCondition(sql.toString(), args);
    }

    public long count(Tx tx, Audience a, Channel channel, Purpose purpose, Instant now) {
        SqlCondition c = reachable(a, channel, purpose, now, 0);
        return tx.sql().number("SELECT count(*) FROM member m WHERE " + c.sql(), c.args().toArray());
    }

    /** The next {@code limit} recipients after member {@code after}, by member id. */
    public List<Outbound.Recipient> page(Tx tx, Audience a, Channel channel, Purpose purpose, long after, int limit,
                                         Instant now) {
        SqlCondition c = reachable(a, channel, purpose, now, after);
        List<Object> args = new ArrayList<>(c.args());
        args.add(limit);
        return tx.sql().list("SELECT m.id, m.customer_ref, m.locale FROM member m WHERE " + c.sql()
                        + " ORDER BY m.id LIMIT ?",
                rs -> new Outbound.Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)), args.toArray());
    }
}
