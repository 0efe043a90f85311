package dev.kizuna.loyalty.points;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.money.Amounts;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's SQL: every movement appends one entry and changes the account's balances by the entry's deltas in
 * the same statement, so balance == sum(entries) holds after every commit. Callers lock the account first
 * ({@link #lock}); a member's movements then serialize, while different members never wait for each other.
 * Available points live in lots (oldest spent first); every change of {@code available} changes the lots by the
 * same amount. An entry's reason is free text (an admin's note on an adjustment can name the person), so it is
 * stored as {@link FieldCipher} ciphertext bound to the member.
 */
final class PointLedger {
    private final FieldCipher cipher;
    private final ModulePorts ports;

    private final KizunaMetrics metrics;

    PointLedger(FieldCipher cipher, KizunaMetrics metrics, ModulePorts ports) {
        this.cipher = cipher;
        this.metrics = metrics;
        this.ports = ports;
    }

    static String reasonContext(long memberId) {
        return "points_entry.reason:" + memberId;
    }

    static String noteContext(long memberId) {
        return "points_entry.note:" + memberId;
    }

    /** The clear note (what the shopper reads) of one of the member's entries (null for none). */
    String note(long memberId, String stored) {
        return cipher.open(stored, noteContext(memberId));
    }

    /** The clear reason of one of the member's entries (null for none). */
    String reason(long memberId, String stored) {
        return cipher.open(stored, reasonContext(memberId));
    }

    /** Seals the reasons and notes of these members' entries again under the current key; returns how many changed. */
    long reseal(Tx tx, List<Long> memberIds) {
        List<Object[]> rows = tx.sql().list("""
                SELECT id, member_id, reason, note FROM points_entry
                WHERE member_id = ANY(?) AND (reason IS NOT NULL OR note IS NOT NULL)
                ORDER BY id FOR UPDATE""", rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)},
                tx.sql().longArray(memberIds.toArray(Long[]::new)));
        long changed = 0;
        for (Object[] r : rows) {
            long member = (Long) r[1];
            String reason = r[2] == null ? null : cipher.reseal((String) r[2], reasonContext(member));
            String note = r[3] == null ? null : cipher.reseal((String) r[3], noteContext(member));
            if (!java.util.Objects.equals(reason, r[2]) || !java.util.Objects.equals(note, r[3])) {
                tx.sql().update("UPDATE points_entry SET reason = ?, note = ? WHERE id = ?", reason, note, r[0]);
                changed++;
            }
        }
        return changed;
    }

    /** An account's balances as read under its lock. */
    record Account(long memberId, long available, long pending, long reserved, long debt) {
    }

    /**
     * One entry to append: the signed figure shown, the bucket deltas, and where it came from. {@code reason} is the
     * staff's (ledger and audit log only); {@code note} is what an adjustment tells the shopper (optional).
     */
    record Entry(LedgerKind kind, long points, long dAvailable, long dPending, long dReserved, long dDebt, String source,
                 String sourceRef, String orderRef, String reason, String note, String actor, String idemKey,
                 Long earnedPoints, Instant earnedAt) {

        static Entry of(LedgerKind kind, long points, String source, String sourceRef, String orderRef) {
            return new Entry(kind, points, 0, 0, 0, 0, source, sourceRef, orderRef, null, null, null, null, null, null);
        }

        Entry deltas(long available, long pending, long reserved, long debt) {
            return new Entry(kind, points, available, pending, reserved, debt, source, sourceRef, orderRef, reason, note,
                    actor, idemKey, earnedPoints, earnedAt);
        }

        Entry reason(String reason, String actor) {
            return new Entry(kind, points, dAvailable, dPending, dReserved, dDebt, source, sourceRef, orderRef, reason,
                    note, actor, idemKey, earnedPoints, earnedAt);
        }

        Entry note(String note) {
            return new Entry(kind, points, dAvailable, dPending, dReserved, dDebt, source, sourceRef, orderRef, reason,
                    note, actor, idemKey, earnedPoints, earnedAt);
        }

        Entry idem(String key) {
            return new Entry(kind, points, dAvailable, dPending, dReserved, dDebt, source, sourceRef, orderRef, reason,
                    note, actor, key, earnedPoints, earnedAt);
        }

        Entry earned(long points, Instant at) {
            return new Entry(kind, this.points, dAvailable, dPending, dReserved, dDebt, source, sourceRef, orderRef,
                    reason, note, actor, idemKey, points, at);
        }
    }

    /** A lot a reservation spent from, and how much of that use has been given back. */
    record LotUse(long lotId, long amount, long restored) {
    }

    /** Locks the member's account, creating it at zero first. */
    Account lock(Tx tx, long memberId) {
        tx.sql().update("INSERT INTO points_account (member_id) VALUES (?) ON CONFLICT (member_id) DO NOTHING", memberId);
        return tx.sql().one("""
                SELECT member_id, available, pending, reserved, debt FROM points_account WHERE member_id = ? FOR UPDATE""",
                rs -> new Account(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), memberId)
                .orElseThrow();
    }

    Optional<Account> find(Tx tx, long memberId) {
        return tx.sql().one("SELECT member_id, available, pending, reserved, debt FROM points_account WHERE member_id = ?",
                rs -> new Account(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), memberId);
    }

    /**
     * Appends the entry and applies its deltas; when {@code lotPoints} is positive also opens a lot of that size.
     * Returns the entry id, or empty when an entry with the same idempotency key exists (nothing changed).
     */
    Optional<Long> append(Tx tx, long memberId, Entry e, long lotPoints, Instant at, boolean earning) {
        Optional<Long> id = insert(tx, memberId, e, lotPoints, at, earning);
        if (id.isPresent()) {
            metrics.ledgerEntries(tx, e.kind().name(), 1);
            domainEvent(e).ifPresent(type -> DomainEvents.record(ports, tx, new DomainEvent(type, memberId, at, eventData(e))));
        }
        return id;
    }

    /** The domain event an entry of this kind is, if any (holds and releases are checkout steps, not news). */
    static Optional<DomainEventType> domainEvent(Entry e) {
        return Optional.ofNullable(switch (e.kind()) {
            case GRANT -> DomainEventType.POINTS_EARNED;
            case CONFIRM -> DomainEventType.POINTS_CONFIRMED;
            case REDEEM -> DomainEventType.POINTS_REDEEMED;
            case CANCEL, RETURN -> DomainEventType.POINTS_REVERSED;
            case EXPIRE -> DomainEventType.POINTS_EXPIRED;
            case EARN, ADJUST, RESERVE, RELEASE, REFUND -> null;
        });
    }

    private static Map<String, Object> eventData(Entry e) {
        Map<String, Object> data = new HashMap<>();
        // a redemption spends what its hold reserved: the entry itself shows 0
        data.put("points", e.kind() == LedgerKind.REDEEM ? -e.dReserved() : Math.abs(e.points()));
        data.put("source", e.source());
        if (e.orderRef() != null) {
            data.put("orderId", e.orderRef());
        }
        return data;
    }

    private Optional<Long> insert(Tx tx, long memberId, Entry e, long lotPoints, Instant at, boolean earning) {
        return tx.sql().one("""
                WITH e AS (
                  INSERT INTO points_entry (member_id, kind, points, d_available, d_pending, d_reserved, d_debt, source,
                         source_ref, order_ref, reason, note, actor, idem_key, earned_points, earned_at, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (idem_key) WHERE idem_key IS NOT NULL DO NOTHING RETURNING id, member_id),
                a AS (
                  UPDATE points_account p SET available = p.available + ?, pending = p.pending + ?,
                         reserved = p.reserved + ?, debt = p.debt + ?, updated_at = ?,
                         last_earned_at = CASE WHEN ? THEN ? ELSE p.last_earned_at END
                  FROM e WHERE p.member_id = e.member_id RETURNING 1),
                l AS (
                  INSERT INTO points_lot (member_id, entry_id, order_ref, available_at, amount, remaining)
                  SELECT e.member_id, e.id, ?, ?, ?, ? FROM e WHERE ? > 0 RETURNING 1)
                SELECT e.id FROM e""",
                rs -> rs.getLong(1),
                memberId, e.kind().name(), e.points(), e.dAvailable(), e.dPending(), e.dReserved(), e.dDebt(), e.source(),
                e.sourceRef(), e.orderRef(), cipher.encrypt(e.reason(), reasonContext(memberId)),
                cipher.encrypt(e.note(), noteContext(memberId)), e.actor(), e.idemKey(), e.earnedPoints(), e.earnedAt(), at,
                e.dAvailable(), e.dPending(), e.dReserved(), e.dDebt(), at, earning, at,
                e.orderRef(), at, lotPoints, lotPoints, lotPoints);
    }

    /**
     * Credits {@code points} as newly available: debt is paid first, the rest opens a lot. {@code e} may carry other
     * deltas (a confirmation also takes the points out of pending).
     */
    Optional<Long> credit(Tx tx, Account a, long points, Entry e, Instant at, boolean earning) {
        long toDebt = Math.min(a.debt(), points);
        long rest = points - toDebt;
        // a balance beyond Amounts.MAX is refused before the SQL would overflow its bigint
        Amounts.bounded("points", Amounts.add("points", a.available(), rest));
        return append(tx, a.memberId(), e.deltas(e.dAvailable() + rest, e.dPending(), e.dReserved(), e.dDebt() - toDebt),
                rest, at, earning);
    }

    /**
     * Takes {@code points} out of available, oldest lots first; what available cannot cover is recorded as debt, so a
     * reversal is always recorded in full and available never goes negative.
     */
    Optional<Long> debit(Tx tx, Account a, long points, Entry e, Instant at) {
        long fromAvailable = Math.min(a.available(), points);
        long toDebt = points - fromAvailable;
        Optional<Long> id = append(tx, a.memberId(),
                e.deltas(e.dAvailable() - fromAvailable, e.dPending(), e.dReserved(), e.dDebt() + toDebt), 0, at, false);
        if (id.isPresent() && fromAvailable > 0) {
            spendLots(tx, a.memberId(), fromAvailable);
        }
        return id;
    }

    /** Takes {@code amount} from the member's live lots, oldest first, in one statement; returns what each gave. */
    List<LotUse> spendLots(Tx tx, long memberId, long amount) {
        List<LotUse> uses = tx.sql().list("""
                WITH l AS (
                  SELECT id, remaining, sum(remaining) OVER (ORDER BY available_at, id) AS upto
                  FROM points_lot WHERE member_id = ? AND remaining > 0),
                u AS (SELECT id, least(remaining, ? - (upto - remaining)) AS take FROM l WHERE upto - remaining < ?)
                UPDATE points_lot p SET remaining = p.remaining - u.take FROM u WHERE p.id = u.id
                RETURNING p.id, u.take""",
                rs -> new LotUse(rs.getLong(1), rs.getLong(2), 0), memberId, amount, amount);
        long taken = uses.stream().mapToLong(LotUse::amount).sum();
        if (taken != amount) {
            throw new IllegalStateException("member " + memberId + ": lots hold " + taken + " of " + amount
                    + " available points; run points-verification");
        }
        return uses;
    }

    /**
     * Gives {@code points} of a reservation back: debt is paid first, the rest returns to the lots it was spent from
     * (keeping their age, so they expire as they would have). Returns how much went back to available.
     */
    long restoreToLots(Tx tx, long reservationId, long points, long toAvailable) {
        List<LotUse> uses = tx.sql().list("""
                SELECT u.lot_id, u.amount, u.restored FROM points_lot_use u JOIN points_lot l ON l.id = u.lot_id
                WHERE u.reservation_id = ? AND u.restored < u.amount ORDER BY l.available_at, l.id""",
                rs -> new LotUse(rs.getLong(1), rs.getLong(2), rs.getLong(3)), reservationId);
        long left = points;
        long lotsLeft = toAvailable;
        List<Object[]> useRows = new ArrayList<>();
        List<Object[]> lotRows = new ArrayList<>();
        for (LotUse u : uses) {
            if (left == 0) {
                break;
            }
            long give = Math.min(u.amount() - u.restored(), left);
            left -= give;
            useRows.add(new Object[]{give, reservationId, u.lotId()});
            long toLot = Math.min(give, lotsLeft);
            lotsLeft -= toLot;
            if (toLot > 0) {
                lotRows.add(new Object[]{toLot, u.lotId()});
            }
        }
        if (left != 0) {
            throw new IllegalStateException("reservation " + reservationId + " spent fewer lot points than it gives back");
        }
        tx.sql().batch("UPDATE points_lot_use SET restored = restored + ? WHERE reservation_id = ? AND lot_id = ?", useRows);
        tx.sql().batch("UPDATE points_lot SET remaining = remaining + ? WHERE id = ?", lotRows);
        return toAvailable - lotsLeft;
    }
}
