package dev.kizuna.core.mirror;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mirror's order statuses in Java and the CHECK constraint on {@code order_summary.status} are the same list. */
@KizunaTest
class OrderStatusTest {

    @Test
    void the_enum_names_are_exactly_what_the_column_allows(KizunaRuntime kizuna) {
        CheckConstraints.assertAllowsExactly(kizuna, "order_summary", "status", OrderStatus.values());
    }

    @Test
    void literals_are_quoted_names_for_set_based_statements() {
        assertThat(Sql.literals(OrderStatus.CANCELLED, OrderStatus.RETURNED)).isEqualTo("'CANCELLED', 'RETURNED'");
    }
}
