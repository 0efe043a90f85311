package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The points feature's stored statuses in Java and the CHECK constraints of their columns list the same names. */
@KizunaTest
class PointsStatusesTest {

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void every_stored_status_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertThat(CheckConstraints.allowed(kizuna, "points_order", "status"))
                .containsExactlyElementsOf(names(EarningStatus.values()));
        assertThat(CheckConstraints.allowed(kizuna, "points_reservation", "status"))
                .containsExactlyElementsOf(names(ReservationStatus.values()));
        assertThat(CheckConstraints.allowed(kizuna, "points_entry", "kind"))
                .containsExactlyElementsOf(names(LedgerKind.values()));
        assertThat(CheckConstraints.allowed(kizuna, "points_campaign", "kind"))
                .containsExactlyElementsOf(names(Campaign.Kind.values()));
    }
}
