package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code points-expiring} (daily): records a {@code points.expiring} domain event for every member whose points expire
 * on the shop day {@code kizuna.points.expiring-notice-days} (7) days ahead, with how many and when, so a marketing
 * tool can remind them. Under {@code LOT} the lots that reach their age that day; under {@code INACTIVITY} the whole
 * balance of members whose last earning reaches the period that day. Nothing is recorded without a consumer.
 */
final class PointsExpiringNoticeJob implements KizunaJob {
    static final String NAME = "points-expiring";

    private final PointsSettings settings;
    private final ZoneId zone;
    private final ModulePorts ports;
    private final int noticeDays;

    PointsExpiringNoticeJob(PointsSettings settings, ZoneId zone, ModulePorts ports, int noticeDays) {
        this.settings = settings;
        this.zone = zone;
        this.ports = ports;
        this.noticeDays = noticeDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Tells subscribed systems of points that expire in " + noticeDays + " days";
    }

    @Override
    public List<Object> descriptionArgs() {
        return List.of(noticeDays);
    }

    @Override
    public String defaultSchedule() {
        return "0 45 0 * * ?";
    }

    @Override
    public void run(JobContext context) {
        if (ports.find(DomainEvents.class).isEmpty()) {
            context.outcome("no consumer of domain events is installed", "job." + NAME + ".outcome-no-consumer");
            return;
        }
        Instant asOf = context.asOf();
        // the shop day noticeDays ahead, and the moments whose points expire within it
        Instant dayStart = asOf.atZone(zone).toLocalDate().plusDays(noticeDays).atStartOfDay(zone).toInstant();
        Instant dayEnd = asOf.atZone(zone).toLocalDate().plusDays(noticeDays + 1L).atStartOfDay(zone).toInstant();
        Instant from = dayStart.atZone(zone).minusMonths(settings.expiryMonths()).toInstant();
        Instant to = dayEnd.atZone(zone).minusMonths(settings.expiryMonths()).toInstant();
        boolean byLot = settings.expiryPolicy() == PointsSettings.ExpiryPolicy.LOT;
        int months = settings.expiryMonths();
        long members = context.database().inTransaction(tx -> {
            List<DomainEvent> events = expiring(tx, byLot, from, to, months, asOf);
            DomainEvents.record(ports, tx, events);
            return (long) events.size();
        });
        context.outcome("told of the expiring points of " + members + " members", "job." + NAME + ".outcome", members);
    }

    private List<DomainEvent> expiring(Tx tx, boolean byLot, Instant from, Instant to, int months, Instant asOf) {
        String sql = byLot ? """
                SELECT member_id, sum(remaining), min(available_at) FROM points_lot
                WHERE remaining > 0 AND available_at >= ? AND available_at < ? GROUP BY member_id ORDER BY member_id"""
                : """
                SELECT member_id, available, last_earned_at FROM points_account
                WHERE available > 0 AND last_earned_at >= ? AND last_earned_at < ? ORDER BY member_id""";
        return tx.sql().list(sql, rs -> new DomainEvent(DomainEventType.POINTS_EXPIRING, rs.getLong(1), asOf,
                Map.of("points", rs.getLong(2), "expiresAt",
                        PointsExpiryJob.expiresAt(rs.getObject(3, java.time.OffsetDateTime.class).toInstant(), months, zone).toString())),
                from, to);
    }
}
