package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.CheckConstraints.assertAllowsExactly;

/** The coupon feature's stored enums and the CHECK constraints of their columns list the same names. */
@KizunaTest
class CouponStatusesTest {

    @Test
    void every_stored_enum_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertAllowsExactly(kizuna, "coupon_redemption", "status", RedemptionStatus.values());
        assertAllowsExactly(kizuna, "coupon_campaign", "status", CampaignStatus.Stored.values());
        assertAllowsExactly(kizuna, "coupon_campaign", "kind", CampaignKind.values());
    }
}
