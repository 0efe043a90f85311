package dev.kizuna.segment;

import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.persistence.Sql;

/**
 * What the segments count as a purchase in the core order mirror: an order that was neither cancelled nor returned
 * in full (a fully returned order brought no money and says nothing of loyalty). Partly returned orders count, with
 * their returned share taken off the money.
 */
public final class Purchases {
    private Purchases() {
    }

    /** The SQL condition on the {@code order_summary} alias {@code o}. */
    public static String condition(String alias) {
        return alias + ".status NOT IN (" + Sql.literals(OrderStatus.CANCELLED, OrderStatus.RETURNED) + ")";
    }

    /** The net merchandise money of an order of alias {@code o}, minor units, returns taken off. */
    public static String netAmount(String alias) {
        return "(" + alias + ".merchandise_total - " + alias + ".returned_total)";
    }
}
