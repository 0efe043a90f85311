package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The coupon feature's stored enums and the CHECK constraints of their columns list the same names. */
@KizunaTest
class CouponStatusesTest {

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void every_stored_enum_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertThat(CheckConstraints.allowed(kizuna, "coupon_redemption", "status"))
                .containsExactlyElementsOf(names(RedemptionStatus.values()));
        assertThat(CheckConstraints.allowed(kizuna, "coupon_campaign", "status"))
                .containsExactlyElementsOf(names(CampaignStatus.Stored.values()));
        assertThat(CheckConstraints.allowed(kizuna, "coupon_campaign", "kind"))
                .containsExactlyElementsOf(names(CampaignKind.values()));
    }
}
