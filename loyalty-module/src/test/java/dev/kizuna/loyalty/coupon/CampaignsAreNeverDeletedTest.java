package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A campaign outlives its use: the database refuses to delete it, which its personal codes (naming it without a
 * foreign key) rely on.
 */
@KizunaTest
class CampaignsAreNeverDeletedTest {
    @Test
    void a_campaign_with_codes_cannot_be_deleted_and_its_codes_keep_it(KizunaRuntime kizuna) {
        long id = kizuna.context().database().inTransaction(tx -> {
            long campaign = tx.sql().number("""
                    INSERT INTO coupon_campaign (kind, status, current_version, created_at, created_by, updated_at)
                    VALUES ('STANDARD', 'ENDED', 1, now(), 'test', now()) RETURNING id""");
            tx.sql().update("INSERT INTO coupon_code (code, campaign_id, created_at) VALUES (?, ?, now())",
                    "KEEP" + campaign + "X7", campaign);
            return campaign;
        });

        assertThatThrownBy(() -> kizuna.context().database().execute(tx ->
                tx.sql().update("DELETE FROM coupon_campaign WHERE id = ?", id)))
                .hasMessageContaining("is never deleted");
        long codes = kizuna.context().database().inTransaction(tx -> tx.sql().number("""
                SELECT count(*) FROM coupon_code k JOIN coupon_campaign c ON c.id = k.campaign_id WHERE c.id = ?""", id));
        assertThat(codes).isEqualTo(1);
    }
}
