package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.money.Amounts;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.OrderPresence;
import dev.kizuna.core.spi.PointsCheckout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Paying with points at checkout: quote, reserve at order submission (points leave available for reserved, taken
 * from the oldest lots), commit on payment, release on cancel (reserved or already committed points come back to
 * the lots they were taken from). Every step locks the member's account row first, so two checkouts of one member
 * run one after the other and can never spend the same points.
 */
final class Redemptions implements PointsCheckout {

    private record Reservation(long id, long memberId, long points, ReservationStatus status, long refunded) {
    }

    private final Database db;
    private final PointLedger ledger;
    private final Clock clock;
    private final PointsSettings settings;
    private final String currency;
    private final Supplier<Optional<OrderPresence>> presence;

    Redemptions(Database db, PointLedger ledger, Clock clock, PointsSettings settings, String currency,
                Supplier<Optional<OrderPresence>> presence) {
        this.presence = presence;
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
        this.settings = settings;
        this.currency = currency;
    }

    @Override
    public Quote quote(String customerId, String currency, long payable) {
        checkCurrency(currency);
        Amounts.bounded("payable", payable);
        long available = db.inTransaction(tx -> Members.find(tx, customerId)
                .flatMap(m -> ledger.find(tx, m)).map(PointLedger.Account::available).orElse(0L));
        return new Quote(available, settings.minRedemption(), maximum(available, payable), settings.pointValueMinor());
    }

    /** The most points this payable amount may take: the allowed share, never more than available. */
    long maximum(long available, long payable) {
        long byShare = Amounts.multiply("payable", payable, settings.maxSharePercent()) / 100 / settings.pointValueMinor();
        long max = Math.min(available, byShare);
        return max < settings.minRedemption() ? 0 : max;
    }

    @Override
    public void reserve(String customerId, String orderId, String currency, long payable, long points) {
        if (points <= 0) {
            throw new InvalidInput("points", "positive-whole-number");
        }
        Amounts.bounded("points", points);
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidInput("orderId", "required");
        }
        checkCurrency(currency);
        Amounts.bounded("payable", payable);
        db.execute(tx -> {
            long memberId = Members.find(tx, customerId).orElseThrow(() -> new NotFound("no customer " + customerId));
            PointLedger.Account a = ledger.lock(tx, memberId);
            Optional<Reservation> existing = find(tx, orderId, false);
            if (existing.isPresent()) {
                Reservation r = existing.get();
                if (r.memberId() == memberId && r.points() == points && r.status() != ReservationStatus.RELEASED) {
                    return; // the checkout retried its call
                }
                throw new Conflict("ORDER_ALREADY_RESERVED", "order " + orderId + " already holds points");
            }
            if (points < settings.minRedemption()) {
                throw new Conflict("POINTS_BELOW_MINIMUM", "points: at least " + settings.minRedemption() + " at a time");
            }
            long byShare = Amounts.multiply("payable", payable, settings.maxSharePercent()) / 100 / settings.pointValueMinor();
            if (points > byShare) {
                throw new Conflict("POINTS_ABOVE_SHARE", "points: at most " + byShare + " may pay this order ("
                        + settings.maxSharePercent() + " % of " + payable + ")");
            }
            if (points > a.available()) {
                throw new Conflict("INSUFFICIENT_POINTS", "points: " + a.available() + " available, " + points + " asked");
            }
            Instant now = clock.instant();
            long id = tx.sql().one("""
                    INSERT INTO points_reservation (order_ref, member_id, points, currency, payable, status, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                    orderId, memberId, points, currency, payable, ReservationStatus.RESERVED, now, now.plus(settings.hold())).orElseThrow();
            ledger.append(tx, memberId, PointLedger.Entry.of(LedgerKind.RESERVE, -points, "CHECKOUT", orderId, orderId)
                    .deltas(-points, 0, points, 0), 0, now, false);
            List<Object[]> uses = new ArrayList<>();
            for (PointLedger.LotUse u : ledger.spendLots(tx, memberId, points)) {
                uses.add(new Object[]{id, u.lotId(), u.amount()});
            }
            tx.sql().batch("INSERT INTO points_lot_use (reservation_id, lot_id, amount) VALUES (?, ?, ?)", uses);
        });
    }

    @Override
    public void commit(String orderId) {
        db.execute(tx -> {
            Reservation seen = find(tx, orderId, false).orElseThrow(() -> new NotFound("no points reservation for order " + orderId));
            ledger.lock(tx, seen.memberId());
            Reservation r = find(tx, orderId, true).orElseThrow();
            switch (r.status()) {
                case COMMITTED -> {
                    return;
                }
                case RELEASED -> throw new Conflict("RESERVATION_RELEASED", "the points of order " + orderId + " were released");
                default -> {
                }
            }
            Instant now = clock.instant();
            tx.sql().update("UPDATE points_reservation SET status = ?, committed_at = ?, order_seen = true WHERE id = ?",
                    ReservationStatus.COMMITTED, now, r.id());
            ledger.append(tx, r.memberId(), PointLedger.Entry.of(LedgerKind.REDEEM, 0, "CHECKOUT", orderId, orderId)
                    .deltas(0, 0, -r.points(), 0), 0, now, false);
        });
    }

    @Override
    public void release(String orderId) {
        db.execute(tx -> release(tx, orderId, "CHECKOUT"));
    }

    /** Gives back everything the order's reservation still holds or spent; a no-op without one. */
    void release(Tx tx, String orderId, String source) {
        Optional<Reservation> seen = find(tx, orderId, false);
        if (seen.isEmpty()) {
            return;
        }
        PointLedger.Account a = ledger.lock(tx, seen.get().memberId());
        Reservation r = find(tx, orderId, true).orElseThrow();
        Instant now = clock.instant();
        if (r.status() == ReservationStatus.RESERVED) {
            giveBack(tx, a, r, r.points(), LedgerKind.RELEASE, source, -r.points(), now);
            tx.sql().update("UPDATE points_reservation SET status = ?, released_at = ? WHERE id = ?",
                    ReservationStatus.RELEASED, now, r.id());
        } else if (r.status() == ReservationStatus.COMMITTED) {
            giveBack(tx, a, r, r.points() - r.refunded(), LedgerKind.REFUND, source, 0, now);
            tx.sql().update("UPDATE points_reservation SET status = ?, released_at = ?, refunded = points WHERE id = ?",
                    ReservationStatus.RELEASED, now, r.id());
        }
    }

    /** Refunds up to {@code points} of the order's committed redemption (returned lines' share). */
    void refund(Tx tx, String orderId, long points, String idemKey) {
        Optional<Reservation> seen = find(tx, orderId, false);
        if (seen.isEmpty() || points <= 0) {
            return;
        }
        PointLedger.Account a = ledger.lock(tx, seen.get().memberId());
        Reservation r = find(tx, orderId, true).orElseThrow();
        long give = Math.min(points, r.points() - r.refunded());
        if (r.status() != ReservationStatus.COMMITTED || give <= 0) {
            return;
        }
        if (giveBack(tx, a, r, give, LedgerKind.REFUND, "RETURN", 0, clock.instant(), idemKey)) {
            tx.sql().update("UPDATE points_reservation SET refunded = refunded + ? WHERE id = ?", give, r.id());
        }
    }

    /** What a hold release run did: holds given back, and holds kept because the host has their order. */
    record Lapsed(int released, int kept) {
    }

    /**
     * Releases holds whose order never arrived (the checkout crashed between reserving and placing the order), and
     * only those: a lapsed hold whose order the host has ({@link OrderPresence}: the inbox, the host outbox or the
     * host's orders know it) is kept and marked seen, for the order's events (or the reconciliation) to settle.
     */
    Lapsed releaseLapsed(Instant asOf) {
        List<String> lapsed = db.inTransaction(tx -> tx.sql().list("""
                SELECT order_ref FROM points_reservation WHERE status = ? AND NOT order_seen AND expires_at <= ?
                ORDER BY expires_at LIMIT 10000""", rs -> rs.getString(1), ReservationStatus.RESERVED, asOf));
        int released = 0;
        int kept = 0;
        for (String ref : lapsed) {
            Boolean gaveBack = db.inTransaction(tx -> {
                Optional<Reservation> seen = find(tx, ref, false);
                if (seen.isEmpty()) {
                    return null;
                }
                ledger.lock(tx, seen.get().memberId());
                boolean lapses = !tx.sql().list("""
                        SELECT 1 FROM points_reservation WHERE order_ref = ? AND status = ? AND NOT order_seen
                        FOR UPDATE""", rs -> 1, ref, ReservationStatus.RESERVED).isEmpty();
                if (!lapses) {
                    return null;
                }
                if (presence.get().map(p -> p.hostHas(tx, ref)).orElse(false)) {
                    tx.sql().update("UPDATE points_reservation SET order_seen = true WHERE order_ref = ?", ref);
                    return false;
                }
                release(tx, ref, "HOLD_LAPSED");
                return true;
            });
            if (Boolean.TRUE.equals(gaveBack)) {
                released++;
            } else if (Boolean.FALSE.equals(gaveBack)) {
                kept++;
            }
        }
        return new Lapsed(released, kept);
    }

    private boolean giveBack(Tx tx, PointLedger.Account a, Reservation r, long points, LedgerKind kind, String source,
                             long dReserved, Instant now) {
        return giveBack(tx, a, r, points, kind, source, dReserved, now, null);
    }

    private boolean giveBack(Tx tx, PointLedger.Account a, Reservation r, long points, LedgerKind kind, String source,
                             long dReserved, Instant now, String idemKey) {
        if (points <= 0) {
            return false;
        }
        long toDebt = Math.min(a.debt(), points);
        long rest = points - toDebt;
        String orderRef = orderRefOf(tx, r.id());
        Optional<Long> id = ledger.append(tx, a.memberId(), PointLedger.Entry.of(kind, points, source, orderRef, orderRef)
                .deltas(rest, 0, dReserved, -toDebt).idem(idemKey), 0, now, false);
        if (id.isEmpty()) {
            return false;
        }
        ledger.restoreToLots(tx, r.id(), points, rest);
        return true;
    }

    private static String orderRefOf(Tx tx, long reservationId) {
        return tx.sql().one("SELECT order_ref FROM points_reservation WHERE id = ?", rs -> rs.getString(1), reservationId)
                .orElseThrow();
    }

    private static Optional<Reservation> find(Tx tx, String orderId, boolean forUpdate) {
        return tx.sql().one("SELECT id, member_id, points, status, refunded FROM points_reservation WHERE order_ref = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                rs -> new Reservation(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        ReservationStatus.valueOf(rs.getString(4)), rs.getLong(5)), orderId);
    }

    private void checkCurrency(String currency) {
        if (!this.currency.equals(currency)) {
            throw new InvalidInput("currency", "points.currency-only", this.currency);
        }
    }
}
