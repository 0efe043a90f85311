package dev.kizuna.core.mirror;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member row outlives its customer: erasure blanks it, and the database refuses to delete it, which the tables
 * naming members without a foreign key (the outbox, messages, coupon codes) rely on.
 */
@KizunaTest
class MembersAreNeverDeletedTest {
    @Test
    void an_erased_customer_keeps_a_blank_member_row_that_cannot_be_deleted(KizunaRuntime kizuna) {
        String ref = "C-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-05-01T01:00:00Z");
        assertThat(kizuna.publisher().publishAll(List.of(
                new CustomerRegistered(UUID.randomUUID().toString(), at, ref, "erase@example.jp", "消す 人", null, "ja", Map.of()),
                new CustomerDeleted(UUID.randomUUID().toString(), at.plusSeconds(60), ref)))).containsOnly(Outcome.APPLIED);
        long id = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT id FROM member WHERE customer_ref = ? AND email IS NULL AND erased_at IS NOT NULL", ref));

        assertThatThrownBy(() -> kizuna.context().database().execute(tx ->
                tx.sql().update("DELETE FROM member WHERE id = ?", id)))
                .hasMessageContaining("is never deleted");
        long left = kizuna.context().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM member WHERE id = ?", id));
        assertThat(left).isEqualTo(1);
    }
}
