package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.csv.CsvExport;
import dev.kizuna.core.persistence.CopyRows;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single-use personal codes, made in bulk: drawn from {@link CouponCodes} in memory and written with one
 * {@code INSERT … SELECT FROM unnest(…)} per batch, so 100,000 codes are one round trip. A code that collides with
 * an existing one (2^-84 per pair) is skipped by the primary key and drawn again.
 */
public final class CodeBatches {
    private final CouponCodes codes;
    private final ModulePorts ports;

    public CodeBatches(CouponCodes codes) {
        this(codes, new ModulePorts());
    }

    /** @param ports where issued personal codes are recorded as {@code coupon.issued} events, when a consumer is installed */
    public CodeBatches(CouponCodes codes, ModulePorts ports) {
        this.codes = codes;
        this.ports = ports;
    }

    /** The members' codes as domain events: the campaign, never the code itself (it is what spends the coupon). */
    private void issued(Tx tx, long campaignId, List<Long> memberIds, Instant validTo, Instant now) {
        List<DomainEvent> events = new ArrayList<>(memberIds.size());
        for (Long m : memberIds) {
            events.add(new DomainEvent(DomainEventType.COUPON_ISSUED, m, now, validTo == null
                    ? Map.of("campaignId", campaignId) : Map.of("campaignId", campaignId, "validTo", validTo.toString())));
        }
        DomainEvents.record(ports, tx, events);
    }

    public record Batch(long batchId, int generated) {
    }

    /** {@code count} unassigned codes for printing or mailing (exported as CSV). */
    public Batch generate(Tx tx, long campaignId, int count, Instant validFrom, Instant validTo, Instant now) {
        long batch = tx.sql().number("SELECT nextval('coupon_code_batch')");
        int stored = 0;
        while (stored < count) {
            String[] drawn = new String[count - stored];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = codes.next();
            }
            stored += tx.sql().update("""
                    INSERT INTO coupon_code (code, campaign_id, member_id, valid_from, valid_to, batch_id, created_at)
                    SELECT c, ?, NULL, ?::timestamptz, ?::timestamptz, ?, ? FROM unnest(?::text[]) AS t(c)
                    ON CONFLICT (code) DO NOTHING""",
                    campaignId, validFrom, validTo, batch, now, tx.sql().textArray(drawn));
        }
        return new Batch(batch, stored);
    }

    /** One code for each member (in order), assigned to them; returns each member's code. */
    public Map<Long, String> assign(Tx tx, long campaignId, List<Long> memberIds, Instant validFrom, Instant validTo,
                                    Instant now) {
        long batch = tx.sql().number("SELECT nextval('coupon_code_batch')");
        Map<Long, String> issued = new LinkedHashMap<>();
        List<Long> pending = memberIds;
        while (!pending.isEmpty()) {
            String[] drawn = new String[pending.size()];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = codes.next();
            }
            List<Long> pendingNow = pending;
            Set<Long> stored = new HashSet<>(tx.sql().list("""
                    INSERT INTO coupon_code (code, campaign_id, member_id, valid_from, valid_to, batch_id, created_at)
                    SELECT c, ?, m, ?::timestamptz, ?::timestamptz, ?, ? FROM unnest(?::text[], ?::bigint[]) AS t(c, m)
                    ON CONFLICT (code) DO NOTHING RETURNING member_id""", rs -> rs.getLong(1),
                    campaignId, validFrom, validTo, batch, now, tx.sql().textArray(drawn),
                    tx.sql().longArray(pendingNow.toArray(Long[]::new))));
            List<Long> again = new ArrayList<>();
            for (int i = 0; i < pendingNow.size(); i++) {
                Long m = pendingNow.get(i);
                if (stored.contains(m) && !issued.containsKey(m)) {
                    issued.put(m, drawn[i]);
                } else if (!issued.containsKey(m)) {
                    again.add(m);
                }
            }
            pending = again;
        }
        issued(tx, campaignId, new ArrayList<>(issued.keySet()), validTo, now);
        return issued;
    }

    /**
     * Assigns codes drawn with {@link #draw()} to their members as {@link #assign} does (one code batch); a
     * collision with an existing code fails the statement (and the caller's transaction, which a job retries with
     * fresh codes).
     */
    public void assignDrawn(Tx tx, long campaignId, Map<Long, String> drawn, Instant validFrom, Instant validTo,
                            Instant now) {
        if (drawn.isEmpty()) {
            return;
        }
        long batch = tx.sql().number("SELECT nextval('coupon_code_batch')");
        // one COPY: a broadcast's batch stores thousands of codes at once
        CopyRows.copy(tx, """
                COPY coupon_code (code, campaign_id, member_id, valid_from, valid_to, batch_id, created_at)
                FROM STDIN (FORMAT binary)""", 7, rows -> drawn.forEach((member, code) -> rows.row().add(code)
                .add(campaignId).add(member).add(validFrom).add(validTo).add(batch).add(now)));
        issued(tx, campaignId, new ArrayList<>(drawn.keySet()), validTo, now);
    }

    /** A fresh code, not yet stored. */
    public String draw() {
        return codes.next();
    }

    /**
     * Stores codes drawn with {@link #draw()}, one per member; a collision with an existing code fails the
     * statement (and the caller's transaction, which a job retries with fresh codes).
     */
    public void store(Tx tx, long campaignId, String[] drawn, Long[] memberIds, Instant validFrom, Instant validTo,
                      Instant now) {
        tx.sql().update("""
                INSERT INTO coupon_code (code, campaign_id, member_id, valid_from, valid_to, created_at)
                SELECT c, ?, m, ?::timestamptz, ?::timestamptz, ? FROM unnest(?::text[], ?::bigint[]) AS t(c, m)""",
                campaignId, validFrom, validTo, now, tx.sql().textArray(drawn), tx.sql().longArray(memberIds));
        issued(tx, campaignId, List.of(memberIds), validTo, now);
    }

    /**
     * Every code of a campaign as CSV (display form, owner, window, whether used) for print and mail houses. The
     * window is the one the code can be used in: its own narrowed to the campaign's terms, from the moment the code
     * was made when neither has a start; the end is empty only for a code that never expires. Times in the shop's
     * zone.
     */
    public String csv(Tx tx, long campaignId, CampaignTerms terms, ZoneId zone) {
        CsvExport out = CsvExport.withBom().row("code", "customer_id", "valid_from", "valid_to", "status");
        tx.sql().list("""
                SELECT c.code, m.customer_ref, c.valid_from, c.valid_to,
                       (SELECT max(r.status) FROM coupon_redemption r WHERE r.code = c.code AND r.status <> ?),
                       c.created_at
                FROM coupon_code c LEFT JOIN member m ON m.id = c.member_id
                WHERE c.campaign_id = ? ORDER BY c.batch_id, c.code""", rs -> {
            Instant from = Campaigns.later(terms.validFrom(), Sql.instant(rs, "valid_from"));
            from = from == null ? Sql.instant(rs, "created_at") : from;
            Instant to = Campaigns.earlier(terms.validTo(), Sql.instant(rs, "valid_to"));
            out.row(CouponCodes.display(rs.getString(1)), rs.getString(2), shopTime(from, zone), shopTime(to, zone),
                    rs.getString(5) == null ? "UNUSED"
                            : RedemptionStatus.valueOf(rs.getString(5)) == RedemptionStatus.COMMITTED ? "USED" : "RESERVED");
            return Boolean.TRUE;
        }, RedemptionStatus.RELEASED, campaignId);
        return out.text();
    }

    private static String shopTime(Instant at, ZoneId zone) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
