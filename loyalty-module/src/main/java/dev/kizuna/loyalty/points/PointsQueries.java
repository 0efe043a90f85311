package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Points as the console, the shopper pages and other modules read them, provided through {@code ctx.ports()} by the
 * points module. The JSON API serves these same records.
 */
public interface PointsQueries {

    /** available: spendable now; pending: earned by orders inside the return window; reserved: held by checkouts. */
    record Balance(long available, long pending, long reserved, long debt) {
        public static final Balance ZERO = new Balance(0, 0, 0, 0);
    }

    /** Points that expire at the end of {@code date} (shop time zone) unless spent first. */
    record Expiry(LocalDate date, long points) {
    }

    /**
     * One ledger entry, described in the caller's language (an adjustment by its note to the shopper, or as a plain
     * adjustment). {@code reason} is the staff's and never reaches the shopper ({@link PointsView#forShopper()}).
     */
    record HistoryEntry(long id, Instant at, LedgerKind kind, long points, String description, String orderRef,
                        String source, String reason, String note) {
    }

    record PointsView(String customerRef, long available, long pending, long reserved, long debt,
                      List<Expiry> nextExpiries, List<HistoryEntry> history, int offset, int limit, long totalEntries) {

        /** The view without what only staff read: the reasons of adjustments. */
        public PointsView forShopper() {
            return new PointsView(customerRef, available, pending, reserved, debt, nextExpiries, history.stream()
                    .map(h -> new HistoryEntry(h.id(), h.at(), h.kind(), h.points(), h.description(), h.orderRef(),
                            h.source(), null, h.note())).toList(), offset, limit, totalEntries);
        }
    }

    /** The account of a host customer; empty when {@code requireKnown} and Kizuna does not know the customer. */
    Optional<PointsView> points(String customerRef, Locale locale, int limit, int offset, boolean requireKnown);

    /** The member's balances in the caller's transaction (zero without an account). */
    Balance balance(Tx tx, long memberId);

    /** The whole ledger of a customer as CSV, for support staff. */
    String csv(String customerRef, Locale locale);
}
