package dev.kizuna.loyalty.points;

/**
 * What a points ledger entry is: the {@code points_entry.kind} column holds its {@link #name()}. The column's CHECK
 * constraint (migration {@code points/V3__ledger_kind_check.sql}) lists exactly these names. Shopper- and
 * console-facing texts come from the bundle {@code kizuna/points_<lang>.properties}, keyed by the name.
 */
public enum LedgerKind {
    /** Points earned by an order, pending until confirmed. */
    EARN,
    /** An order's pending points become available. */
    CONFIRM,
    /** A cancelled order takes back its earned points. */
    CANCEL,
    /** A returned line takes back its earned points. */
    RETURN,
    /** Bonus points granted (survey, coupon, birthday, registration ...). */
    GRANT,
    /** A console adjustment, either way. */
    ADJUST,
    /** Points held for a checkout. */
    RESERVE,
    /** Held points given back (cancelled or lapsed checkout). */
    RELEASE,
    /** Held points spent on payment. */
    REDEEM,
    /** Spent points given back on a cancel or return. */
    REFUND,
    /** Available points that expired. */
    EXPIRE;

    /** The kind as an SQL string literal, for constant set-based statements. */
    String literal() {
        return "'" + name() + "'";
    }
}
