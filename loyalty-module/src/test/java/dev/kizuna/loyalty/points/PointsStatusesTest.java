package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.CheckConstraints.assertAllowsExactly;

/** The points feature's stored statuses and kinds and the CHECK constraints of their columns list the same names. */
@KizunaTest
class PointsStatusesTest {

    @Test
    void every_stored_status_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertAllowsExactly(kizuna, "points_order", "status", EarningStatus.values());
        assertAllowsExactly(kizuna, "points_reservation", "status", ReservationStatus.values());
        assertAllowsExactly(kizuna, "points_entry", "kind", LedgerKind.values());
        assertAllowsExactly(kizuna, "points_campaign", "kind", Campaign.Kind.values());
        assertAllowsExactly(kizuna, "points_budget", "unit", dev.kizuna.loyalty.budget.Budget.Unit.values());
    }
}
