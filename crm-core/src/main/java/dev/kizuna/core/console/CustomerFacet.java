package dev.kizuna.core.console;

import dev.kizuna.core.persistence.Tx;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A feature's part of the console's customers list: a column, and optionally an order the list can be sorted by and
 * a filter. The list is one SQL statement over {@code member m} built by the console shell, which knows no feature
 * table; a facet gives the fragments that reach its own. Facets appear in ascending {@link #order()}; a module that
 * is not installed contributes none.
 */
public interface CustomerFacet {

    /** The facet's name in the page's address ({@code sort=points}, {@code f.rank=gold}). */
    String key();

    int order();

    /** The console text naming the column, sort and filter. */
    String labelKey();

    /** What the column shows for these members, as the reader reads it; a member left out shows nothing. */
    Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats);

    /** Whether the list shows a column for it (a filter such as "has answered a survey" needs none). */
    default boolean column() {
        return true;
    }

    default Optional<Sorting> sorting() {
        return Optional.empty();
    }

    default Optional<Filter> filter() {
        return Optional.empty();
    }

    /**
     * Highest first: the members with a value ({@code join} added to {@code FROM member m}, ordered by {@code value}
     * then {@code key} descending, which an index of the facet's table should cover so a page reads a few rows),
     * then those without one ({@code absent}, a condition on m) by member id descending. {@code type} is the SQL
     * type {@code value} is compared as when a page continues after a row.
     */
    record Sorting(String join, String value, String key, String type, String absent) {
    }

    /** A filter: the values one can pick and the condition on m that a picked value makes. */
    interface Filter {
        List<Choice> choices(Tx tx, Messages messages);

        /** Empty for a value that is not one of the choices (the page then says so beside the filter). */
        Optional<Condition> condition(String value);
    }

    record Choice(String value, String label) {
    }

    /** A condition on {@code member m}, its {@code ?} bound to {@code args} in order. */
    record Condition(String sql, List<Object> args) {
        public Condition {
            args = List.copyOf(args);
        }

        public static Condition of(String sql, Object... args) {
            return new Condition(sql, List.of(args));
        }
    }
}
