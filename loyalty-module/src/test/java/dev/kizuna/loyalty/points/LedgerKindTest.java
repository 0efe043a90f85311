package dev.kizuna.loyalty.points;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger kinds in Java and the CHECK constraint on {@code points_entry.kind} list the same names, in order. */
class LedgerKindTest {
    private static final String MIGRATION = "db/migration/points/V3__ledger_kind_check.sql";

    @Test
    void enumNamesEqualTheConstraintsList() throws IOException {
        String sql;
        try (InputStream in = LedgerKindTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(in).as(MIGRATION).isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher check = Pattern.compile("CHECK\\s*\\(\\s*kind\\s+IN\\s*\\(([^)]*)\\)\\s*\\)").matcher(sql);
        assertThat(check.find()).as("a CHECK (kind IN (...)) in " + MIGRATION).isTrue();
        List<String> listed = new ArrayList<>();
        Matcher literal = Pattern.compile("'([^']*)'").matcher(check.group(1));
        while (literal.find()) {
            listed.add(literal.group(1));
        }
        assertThat(check.find()).as("one kind list only").isFalse();

        assertThat(listed).containsExactlyElementsOf(Arrays.stream(LedgerKind.values()).map(Enum::name).toList());
    }

    @Test
    void literalIsTheQuotedName() {
        assertThat(LedgerKind.EARN.literal()).isEqualTo("'EARN'");
    }
}
