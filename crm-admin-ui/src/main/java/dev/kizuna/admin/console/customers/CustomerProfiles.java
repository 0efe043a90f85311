package dev.kizuna.admin.console.customers;

import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The core facts of one customer for the 360° page: the member mirror (profile, consents, the decrypted birth date)
 * and an orders summary from the order mirror, each one indexed query.
 */
public final class CustomerProfiles {
    public static final int RECENT_ORDERS = 10;

    private final SealedMembers members;

    public CustomerProfiles(SealedMembers members) {
        this.members = members;
    }

    /** Unmasked; the page masks for the support role. */
    public record Profile(long memberId, String customerRef, String email, String displayName, String birthDate,
                         String locale, Map<String, Boolean> consents, Instant registeredAt, Instant erasedAt) {
    }

    public record OrderLine(String orderRef, Instant submittedAt, OrderStatus status, String currency, long grandTotal,
                            long pointsRedeemed, String couponCode, String channel) {
    }

    /** Kept orders: not cancelled; spend is merchandise net of returns. */
    public record OrdersSummary(long orders, long spend, Instant firstOrderAt, Instant lastOrderAt, List<OrderLine> recent) {
    }

    public Optional<Profile> profile(Tx tx, String customerRef) {
        return tx.sql().one("""
                SELECT id, customer_ref, email, display_name, phone, birth_date, locale, consents::text, registered_at,
                       erased_at
                FROM member WHERE customer_ref = ?""", rs -> {
            String ref = rs.getString(2);
            SealedMembers.Pii pii = open(ref, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
            return new Profile(rs.getLong(1), ref, pii.email(), pii.name(),
                    pii.birthDate() == null ? null : pii.birthDate().toString(), rs.getString(7), consents(rs.getString(8)),
                    Sql.instant(rs, "registered_at"), Sql.instant(rs, "erased_at"));
        }, customerRef);
    }

    private SealedMembers.Pii open(String ref, String email, String name, String phone, String birth) {
        try {
            return members.open(ref, email, name, phone, birth);
        } catch (RuntimeException e) {
            // a key that was retired too early must not take the whole page down; say the values are unreadable
            return new SealedMembers.Pii(email == null ? null : "?", name == null ? null : "?", null, null);
        }
    }

    private static Map<String, Boolean> consents(String json) {
        Map<String, Boolean> out = new TreeMap<>();
        if (json == null) {
            return out;
        }
        try {
            dev.kizuna.core.json.Json.MAPPER.readTree(json).properties()
                    .forEach(e -> out.put(e.getKey(), e.getValue().asBoolean()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return out;
        }
        return out;
    }

    public OrdersSummary orders(Tx tx, long memberId, String currency) {
        List<OrderLine> recent = tx.sql().list("""
                SELECT order_ref, submitted_at, status, currency, grand_total, points_redeemed, coupon_code, channel
                FROM order_summary WHERE member_id = ? ORDER BY submitted_at DESC LIMIT ?""",
                rs -> new OrderLine(rs.getString(1), Sql.instant(rs, "submitted_at"), OrderStatus.valueOf(rs.getString(3)),
                        rs.getString(4).trim(),
                        rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8)), memberId, RECENT_ORDERS);
        return tx.sql().one("""
                SELECT count(*), coalesce(sum(merchandise_total - returned_total), 0), min(submitted_at), max(submitted_at)
                FROM order_summary WHERE member_id = ? AND status <> ? AND currency = ?""",
                rs -> new OrdersSummary(rs.getLong(1), rs.getLong(2), Sql.instant(rs, "min"), Sql.instant(rs, "max"), recent),
                memberId, OrderStatus.CANCELLED, currency).orElseThrow();
    }
}
