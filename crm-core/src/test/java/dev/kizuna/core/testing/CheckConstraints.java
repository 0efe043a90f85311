package dev.kizuna.core.testing;

import dev.kizuna.core.KizunaRuntime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database allows in a text column, read back from its CHECK constraint ({@code column IN ('A', 'B')}) as
 * every migration left it, so a test can hold a Java enum to the schema it writes into.
 */
public final class CheckConstraints {
    private CheckConstraints() {
    }

    /**
     * The values, in the constraint's order, of the one CHECK constraint of {@code table} that lists the values of
     * {@code column}; fails when there is none or more than one.
     */
    public static List<String> allowed(KizunaRuntime kizuna, String table, String column) {
        List<String> definitions = kizuna.context().database().inTransaction(tx -> tx.sql().list("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relname = ? AND c.contype = 'c'
                ORDER BY c.conname""", rs -> rs.getString(1), table));
        // PostgreSQL shows "status IN ('A', 'B')" as "(status = ANY (ARRAY['A'::text, 'B'::text]))"
        Pattern list = Pattern.compile("\\(\\(?" + Pattern.quote(column) + "\\)? = ANY \\(+ARRAY\\[([^]]*)]");
        List<List<String>> found = new ArrayList<>();
        for (String definition : definitions) {
            Matcher m = list.matcher(definition);
            if (m.find()) {
                List<String> values = new ArrayList<>();
                Matcher literal = Pattern.compile("'((?:[^']|'')*)'").matcher(m.group(1));
                while (literal.find()) {
                    values.add(literal.group(1).replace("''", "'"));
                }
                found.add(values);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one CHECK listing the values of " + table + "." + column + ", found "
                    + found.size() + " in " + definitions);
        }
        return found.get(0);
    }

    /** Fails unless the column allows exactly the names of {@code values}, in their order. */
    public static void assertAllowsExactly(KizunaRuntime kizuna, String table, String column, Enum<?>[] values) {
        assertThat(allowed(kizuna, table, column)).as(table + "." + column)
                .containsExactlyElementsOf(Arrays.stream(values).map(Enum::name).toList());
    }
}
