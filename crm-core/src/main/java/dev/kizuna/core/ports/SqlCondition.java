package dev.kizuna.core.ports;

import java.util.List;

/**
 * A condition on one member written by the feature that owns the data, for audiences compiled to one statement:
 * {@code sql} is a boolean SQL expression over the member alias {@code m} (so {@code m.id} is the member's id) with
 * {@code ?} placeholders bound to {@code args} in order.
 */
public record SqlCondition(String sql, List<Object> args) {
    public SqlCondition {
        args = List.copyOf(args);
    }

    public static SqlCondition of(String sql, Object... args) {
        return new SqlCondition(sql, List.of(args));
    }
}
